package io.fluxa.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB and a real Redis, started from binaries that come as Maven artifacts, listening
 * on 127.0.0.1 only. For development and tests on a machine without installed services; never
 * meant for production.
 *
 * <pre>{@code
 * try (EmbeddedServers servers = EmbeddedServers.start(EmbeddedSettings.of(Path.of(".fluxa/embedded"), "dev"))) {
 *     String url = servers.mysqlUrl("app");        // jdbc:mariadb://127.0.0.1:<port>/app
 *     String redis = servers.redisAddress(0);      // 127.0.0.1:<port>:0
 * }
 * }</pre>
 *
 * MariaDB's {@code root} user logs in from 127.0.0.1 with an empty password. Closing stops both
 * servers; so does the end of the JVM.
 */
public final class EmbeddedServers implements AutoCloseable {

    /** MariaDB user that may do everything, with an empty password. */
    public static final String MYSQL_USER = "root";
    public static final String MYSQL_PASSWORD = "";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

    private final EmbeddedSettings settings;
    private final DirectoryLock dataLock;
    private final ServerProcess mariaDb;
    private final ServerProcess redis;
    private boolean closed;

    private EmbeddedServers(EmbeddedSettings settings, DirectoryLock dataLock, ServerProcess mariaDb,
            ServerProcess redis) {
        this.settings = settings;
        this.dataLock = dataLock;
        this.mariaDb = mariaDb;
        this.redis = redis;
    }

    /**
     * Starts the servers the settings ask for and waits until they accept connections.
     *
     * @throws EmbeddedServerException when the platform has no binary, a library is missing, the data
     *     directory is in use by another process, or a server does not come up; the message says what
     *     to do
     */
    public static EmbeddedServers start(EmbeddedSettings settings) {
        Platform platform = Platform.current();
        if (settings.mysqlPort() >= 0) {
            platform.mariaDbDirectory();
        }
        if (settings.redisPort() >= 0) {
            platform.checkRedis();
        }
        DirectoryLock lock = DirectoryLock.tryLock(settings.dataDirectory(), "Another process runs embedded servers on "
                + settings.dataDirectory() + " (an application or a test run started from the same project). Stop "
                + "it, or give this one a directory of its own (fluxa.embedded.directory).");
        ServerProcess mariaDb = null;
        try {
            long started = System.nanoTime();
            if (settings.mysqlPort() >= 0) {
                int port = settings.mysqlPort() == 0 ? ServerProcess.freePort() : settings.mysqlPort();
                mariaDb = MariaDbServer.start(platform, settings, port);
            }
            ServerProcess redis = null;
            if (settings.redisPort() >= 0) {
                int port = settings.redisPort() == 0 ? ServerProcess.freePort() : settings.redisPort();
                redis = RedisServer.start(platform, settings, port);
            }
            EmbeddedServers servers = new EmbeddedServers(settings, lock, mariaDb, redis);
            log.info("Embedded servers started in {} ms: {} (data in {}, {})", (System.nanoTime() - started) / 1_000_000,
                    servers.describe(), settings.dataDirectory().toAbsolutePath(), settings.data());
            return servers;
        } catch (RuntimeException e) {
            if (mariaDb != null) {
                mariaDb.close();
            }
            lock.close();
            throw e;
        }
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port} (200 ms to answer). */
    public static boolean answers(int port) {
        return ServerProcess.isOpen(port);
    }

    public boolean hasMysql() {
        return mariaDb != null;
    }

    public boolean hasRedis() {
        return redis != null;
    }

    /** Port of MariaDB. */
    public int mysqlPort() {
        return required(mariaDb, "MariaDB").port();
    }

    /** Port of Redis. */
    public int redisPort() {
        return required(redis, "Redis").port();
    }

    /** JDBC URL of {@code database} on the embedded MariaDB; an empty name gives the server's URL. */
    public String mysqlUrl(String database) {
        return "jdbc:mariadb://" + ServerProcess.HOST + ":" + mysqlPort() + "/" + database;
    }

    /** {@code host:port:db} of a Redis database on the embedded Redis, the form Fluxa's pools take. */
    public String redisAddress(int database) {
        return ServerProcess.HOST + ":" + redisPort() + ":" + database;
    }

    public EmbeddedSettings settings() {
        return settings;
    }

    private static ServerProcess required(ServerProcess server, String name) {
        if (server == null) {
            throw new IllegalStateException("the embedded " + name + " was not started (its port was set to -1)");
        }
        return server;
    }

    private String describe() {
        String m = mariaDb == null ? "" : "MariaDB " + Platform.MARIADB_VERSION + " on " + ServerProcess.HOST + ":"
                + mariaDb.port();
        String r = redis == null ? "" : "Redis on " + ServerProcess.HOST + ":" + redis.port();
        return m.isEmpty() ? r : r.isEmpty() ? m : m + ", " + r;
    }

    /** Stops both servers (waiting for them to exit) and releases the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (redis != null) {
                redis.close();
            }
            if (mariaDb != null) {
                mariaDb.close();
            }
        } finally {
            dataLock.close();
        }
        log.info("Embedded servers stopped: {}", describe());
    }

    @Override
    public String toString() {
        return "EmbeddedServers[" + describe() + "]";
    }
}
