package io.fluxa.it.faults;

import io.fluxa.it.support.CuttableProxy;

import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.Registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The fault suite's own MariaDB and Redis (started once per test JVM, on free ports, in a temporary
 * directory) and a {@link CuttableProxy} in front of each; engines connect through the proxies. Tests
 * freeze, kill and restart these processes, so they never touch the shared services.
 */
final class FaultServers {

    /** The timeouts the suite's engines use; failures are expected within them, not measured against them. */
    static final Duration MYSQL_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MYSQL_SOCKET_TIMEOUT = Duration.ofSeconds(3);
    static final Duration MYSQL_STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    static final Duration REDIS_CONNECT_TIMEOUT = Duration.ofMillis(500);

    private static FaultServers instance;

    final ServerProcess.MariaDb mysql;
    final ServerProcess.Redis redis;
    final CuttableProxy mysqlProxy;
    final CuttableProxy redisProxy;

    private FaultServers(Path dir) throws IOException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(dir)));
        mysql = new ServerProcess.MariaDb(Files.createDirectories(dir.resolve("mysql")));
        mysql.start();
        redis = new ServerProcess.Redis(Files.createDirectories(dir.resolve("redis")));
        redis.start();
        mysqlProxy = new CuttableProxy("127.0.0.1:" + mysql.port);
        redisProxy = new CuttableProxy("127.0.0.1:" + redis.port);
    }

    static synchronized FaultServers get() {
        if (instance == null) {
            try {
                instance = new FaultServers(Files.createTempDirectory("fluxa-faults"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** Stops both servers (when they were started) and deletes their data: about 100 MB per run. */
    private void stopAndDelete(Path dir) {
        for (AutoCloseable c : new AutoCloseable[] {mysqlProxy, redisProxy, mysql, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort at exit
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }

    /** Creates {@code database} (dropped first) directly on the server, not through the proxy. */
    void createDatabase(String database) {
        sql("DROP DATABASE IF EXISTS `" + database + "`", "CREATE DATABASE `" + database + "`");
    }

    void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(mysql.url(""), "root", "");
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long queryLong(String sql) {
        try (Connection c = DriverManager.getConnection(mysql.url(""), "root", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String queryString(String sql) {
        try (Connection c = DriverManager.getConnection(mysql.url(""), "root", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An engine on a new database {@code database} with the tables of every generated entity, through
     * the proxies, with the suite's short timeouts.
     */
    Engine engine(String database) {
        createDatabase(database);
        return connect(database);
    }

    /** Another engine (another "node") on the existing database {@code database}; see {@link #engine}. */
    Engine connect(String database) {
        Registry registry = new Registry()
                .registerMySql(Registry.DEFAULT_POOL, "jdbc:mariadb://127.0.0.1:" + mysqlProxy.port() + "/" + database,
                        "root", "", new Registry.MySqlOptions(4, 1, null, null, null, null, MYSQL_CONNECT_TIMEOUT,
                                MYSQL_SOCKET_TIMEOUT, MYSQL_STATEMENT_TIMEOUT))
                .registerRedis(Registry.DEFAULT_POOL, "127.0.0.1:" + redisProxy.port() + ":0",
                        new Registry.RedisOptions(null, null, null, REDIS_TIMEOUT, REDIS_CONNECT_TIMEOUT, database + ":"))
                .registerLocalCache(Registry.DEFAULT_POOL, 0);
        for (EntityModel model : ServiceLoader.load(EntityModel.class)) {
            registry.registerModel(model);
        }
        Engine engine = registry.validate();
        engine.schema().applyAlters(true);
        return engine;
    }
}
