package io.fluxa.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start the embedded servers.
 *
 * @param directory root of everything the servers write: unpacked binaries in {@code binaries/},
 *     data in {@code <dataSet>/}
 * @param dataSet name of the data directory below {@code directory}; applications and tests use
 *     different ones so they can run at the same time
 * @param data keep the data between runs or start empty
 * @param mysqlPort port of MariaDB; 0 picks a free one; negative does not start MariaDB
 * @param redisPort port of Redis; 0 picks a free one; negative does not start Redis
 * @param startupTimeout how long each server may take to accept connections (the first start
 *     also unpacks the binaries and creates the system tables, a few seconds more)
 */
public record EmbeddedSettings(Path directory, String dataSet, DataMode data, int mysqlPort, int redisPort,
        Duration startupTimeout) {

    /** Do not start this server. */
    public static final int DISABLED = -1;
    /** Pick a free port. */
    public static final int FREE_PORT = 0;

    public EmbeddedSettings {
        // the servers run with another working directory: relative paths would point elsewhere
        directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        Objects.requireNonNull(dataSet, "dataSet");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (dataSet.isBlank() || dataSet.contains("/") || dataSet.contains("\\") || dataSet.equals("binaries")) {
            throw new IllegalArgumentException("dataSet must be a plain directory name other than 'binaries', was '"
                    + dataSet + "'");
        }
        if (mysqlPort > 65535 || redisPort > 65535) {
            throw new IllegalArgumentException("ports must be at most 65535, were " + mysqlPort + " and " + redisPort);
        }
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
        }
    }

    /** Both servers on free ports, data kept in {@code directory/<dataSet>}, 60 s to start each. */
    public static EmbeddedSettings of(Path directory, String dataSet) {
        return new EmbeddedSettings(directory, dataSet, DataMode.KEEP, FREE_PORT, FREE_PORT, Duration.ofSeconds(60));
    }

    public EmbeddedSettings withData(DataMode data) {
        return new EmbeddedSettings(directory, dataSet, data, mysqlPort, redisPort, startupTimeout);
    }

    public EmbeddedSettings withMysqlPort(int port) {
        return new EmbeddedSettings(directory, dataSet, data, port, redisPort, startupTimeout);
    }

    public EmbeddedSettings withRedisPort(int port) {
        return new EmbeddedSettings(directory, dataSet, data, mysqlPort, port, startupTimeout);
    }

    public EmbeddedSettings withStartupTimeout(Duration timeout) {
        return new EmbeddedSettings(directory, dataSet, data, mysqlPort, redisPort, timeout);
    }

    Path binaries() {
        return directory.resolve("binaries");
    }

    Path dataDirectory() {
        return directory.resolve(dataSet);
    }
}
