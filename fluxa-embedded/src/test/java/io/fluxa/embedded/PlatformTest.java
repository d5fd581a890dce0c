package io.fluxa.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformTest {

    @Test
    void knowsWhichPlatformsHaveBinaries() {
        assertThat(Platform.of("Linux", "amd64").mariaDbDirectory()).isEqualTo("linux");
        assertThat(Platform.of("Mac OS X", "aarch64").mariaDbDirectory()).isEqualTo("osx");
        assertThat(Platform.of("Linux", "aarch64").redisSupported()).isTrue();
        assertThat(Platform.of("Windows 11", "amd64").redisSupported()).isFalse();
    }

    @Test
    void aPlatformWithoutMariaDbBinarySaysWhatToInstallInstead() {
        assertThatThrownBy(() -> Platform.of("Linux", "aarch64").mariaDbDirectory())
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining("No embedded MariaDB 11.4.5 binary for linux/aarch64")
                .hasMessageContaining("apt-get install mariadb-server")
                .hasMessageContaining("FLUXA_TEST_*");
        assertThatThrownBy(() -> Platform.of("Mac OS X", "x86_64").mariaDbDirectory())
                .hasMessageContaining("No embedded MariaDB 11.4.5 binary for macos/x86_64")
                .hasMessageContaining("brew install mariadb");
        assertThatThrownBy(() -> Platform.of("Windows 11", "amd64").checkRedis())
                .hasMessageContaining("No embedded Redis binary for windows/x86_64");
    }

    @Test
    void aMissingSharedLibraryIsNamedWithItsPackage() {
        String linux = "/x/redis-server: error while loading shared libraries: libssl.so.3: cannot open shared "
                + "object file: No such file or directory";
        assertThat(NativeLibraries.diagnose("Redis", linux))
                .contains("needs the shared library libssl.so.3")
                .contains("apt-get install libssl3")
                .contains("older than Debian 12 / Ubuntu 22.04");
        assertThat(NativeLibraries.diagnose("MariaDB", "mariadbd: error while loading shared libraries: "
                + "libcrypt.so.1: cannot open shared object file")).contains("apt-get install libcrypt1");
        assertThat(NativeLibraries.diagnose("MariaDB", "dyld[123]: Library not loaded: "
                + "/opt/homebrew/opt/pcre2/lib/libpcre2-8.0.dylib")).contains("brew install pcre2");
        assertThat(NativeLibraries.diagnose("MariaDB", "[ERROR] Aborting")).isNull();
    }
}
