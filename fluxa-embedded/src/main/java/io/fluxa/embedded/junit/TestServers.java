package io.fluxa.embedded.junit;

import io.fluxa.embedded.DataMode;
import io.fluxa.embedded.EmbeddedServerException;
import io.fluxa.embedded.EmbeddedServers;
import io.fluxa.embedded.EmbeddedSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The embedded servers of this test JVM: started at most once, stopped at the end of the run. */
final class TestServers {

    /** {@code false} never starts embedded servers for tests. */
    static final String ENABLED = "fluxa.embedded.test";
    /** Root directory of binaries and data; default {@code .fluxa/embedded} in the top project directory. */
    static final String DIRECTORY = "fluxa.embedded.directory";

    static final int MYSQL_PORT = 3306;
    static final int REDIS_PORT = 6379;

    private static final Logger log = LoggerFactory.getLogger(TestServers.class);

    private static boolean attempted;
    private static EmbeddedServers servers;

    private TestServers() {
    }

    static synchronized void startIfMissing(Function<String, Optional<String>> configuration) {
        if (attempted) {
            return;
        }
        attempted = true;
        Function<String, Optional<String>> withSystemProperties = key -> configuration.apply(key)
                .or(() -> Optional.ofNullable(System.getProperty(key)));
        EmbeddedSettings settings = plan(System.getenv(), withSystemProperties, EmbeddedServers::answers,
                Path.of("").toAbsolutePath());
        if (settings == null) {
            return;
        }
        try {
            servers = EmbeddedServers.start(settings);
        } catch (EmbeddedServerException e) {
            // a listener cannot fail the run; the tests will report the unreachable server, this says why
            String message = "fluxa-embedded could not start the test servers: " + e.getMessage();
            log.error(message, e);
            System.err.println(message);
        }
    }

    static synchronized void stop() {
        if (servers != null) {
            servers.close();
            servers = null;
        }
        attempted = false;
    }

    /** What to start, or null for nothing. */
    static EmbeddedSettings plan(Map<String, String> env, Function<String, Optional<String>> configuration,
            PortProbe probe, Path workingDirectory) {
        if (configuration.apply(ENABLED).map(v -> v.trim().equalsIgnoreCase("false")).orElse(false)) {
            return null;
        }
        boolean mysql = blank(env.get("FLUXA_TEST_MYSQL_URL")) && !probe.answers(MYSQL_PORT);
        boolean redis = blank(env.get("FLUXA_TEST_REDIS")) && !probe.answers(REDIS_PORT);
        if (!mysql && !redis) {
            return null;
        }
        Path directory = configuration.apply(DIRECTORY).filter(v -> !v.isBlank()).map(Path::of)
                .orElseGet(() -> projectRoot(workingDirectory).resolve(".fluxa").resolve("embedded"));
        // kept data: the system tables are created once; tests create and drop their own databases
        return EmbeddedSettings.of(directory, "test").withData(DataMode.KEEP)
                .withMysqlPort(mysql ? MYSQL_PORT : EmbeddedSettings.DISABLED)
                .withRedisPort(redis ? REDIS_PORT : EmbeddedSettings.DISABLED);
    }

    /**
     * The top directory of a (multi-module) build: the highest ancestor of the working directory
     * reached through directories that all hold a {@code pom.xml}. Tests of every module then share
     * one set of binaries and one data directory.
     */
    static Path projectRoot(Path workingDirectory) {
        Path root = workingDirectory;
        while (root.getParent() != null && Files.exists(root.getParent().resolve("pom.xml"))
                && Files.exists(root.resolve("pom.xml"))) {
            root = root.getParent();
        }
        return root;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @FunctionalInterface
    interface PortProbe {
        boolean answers(int port);
    }
}
