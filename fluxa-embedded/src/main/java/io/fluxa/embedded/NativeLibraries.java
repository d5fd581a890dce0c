package io.fluxa.embedded;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the dynamic loader's complaint about a missing shared library into the package that
 * provides it. The embedded binaries are built against common system libraries (see
 * docs/embedded.md); a slim container image may lack one of them.
 */
final class NativeLibraries {

    /** Linux: "error while loading shared libraries: libssl.so.3: cannot open shared object file". */
    private static final Pattern LINUX = Pattern.compile("error while loading shared libraries: ([^:\\s]+)");
    /** macOS: "Library not loaded: /opt/homebrew/opt/openssl@3/lib/libssl.3.dylib". */
    private static final Pattern MACOS = Pattern.compile("Library not loaded: (\\S+)");

    /** Library file → Debian/Ubuntu package. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
            Map.entry("libcrypt.so.1", "libcrypt1"),
            Map.entry("libsystemd.so.0", "libsystemd0"),
            Map.entry("libstdc++.so.6", "libstdc++6"),
            Map.entry("libgcc_s.so.1", "libgcc-s1"),
            Map.entry("libgcrypt.so.20", "libgcrypt20"),
            Map.entry("libgpg-error.so.0", "libgpg-error0"),
            Map.entry("liblz4.so.1", "liblz4-1"),
            Map.entry("libzstd.so.1", "libzstd1"),
            Map.entry("liblzma.so.5", "liblzma5"),
            Map.entry("libcap.so.2", "libcap2"),
            Map.entry("libssl.so.3", "libssl3 (libssl3t64 on Ubuntu 24.04)"),
            Map.entry("libcrypto.so.3", "libssl3 (libssl3t64 on Ubuntu 24.04)"));

    private NativeLibraries() {
    }

    /**
     * A sentence naming the missing library and how to get it, or null when {@code output} shows no
     * loader error.
     */
    static String diagnose(String server, String output) {
        Matcher linux = LINUX.matcher(output);
        if (linux.find()) {
            String library = linux.group(1);
            String pkg = DEBIAN_PACKAGES.get(library);
            String fix = pkg != null ? "install package " + pkg + " (apt-get install " + pkg.split(" ")[0] + ")"
                    : "install the package that provides " + library;
            String openSsl = library.startsWith("libssl.so.3") || library.startsWith("libcrypto.so.3")
                    ? " Distributions older than Debian 12 / Ubuntu 22.04 have no OpenSSL 3: use a system " + server
                            + " there instead."
                    : "";
            return "The embedded " + server + " binary needs the shared library " + library
                    + ", which this system does not have: " + fix + "." + openSsl;
        }
        Matcher mac = MACOS.matcher(output);
        if (mac.find()) {
            String library = mac.group(1);
            String formula = library.contains("openssl") ? "openssl@3" : library.contains("pcre2") ? "pcre2" : null;
            return "The embedded " + server + " binary needs " + library + ", which this system does not have: "
                    + (formula != null ? "brew install " + formula : "install it with Homebrew") + ".";
        }
        return null;
    }
}
