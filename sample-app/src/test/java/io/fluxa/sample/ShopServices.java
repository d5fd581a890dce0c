package io.fluxa.sample;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MariaDB and Redis the shop tests run against (FLUXA_TEST_* environment variables, local
 * defaults), reached with plain JDBC and plain Lettuce so the tests see what the app really
 * stored. The tests own database {@value #DATABASE} and Redis database {@value #REDIS_DB}; both are
 * emptied once per test JVM, before the application starts.
 */
final class ShopServices {

    static final String DATABASE = "fluxa_sample_test";
    static final int REDIS_DB = 13;

    static final String MYSQL_URL = env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
    static final String MYSQL_USER = env("FLUXA_TEST_MYSQL_USER", "root");
    static final String MYSQL_PASSWORD = env("FLUXA_TEST_MYSQL_PASSWORD", "");
    static final String REDIS = env("FLUXA_TEST_REDIS", "127.0.0.1:6379");

    private static boolean reset;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, byte[]> redisConnection;

    private ShopServices() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** JDBC URL of the tests' database. */
    static String jdbcUrl() {
        return (MYSQL_URL.endsWith("/") ? MYSQL_URL : MYSQL_URL + "/") + DATABASE;
    }

    /** {@code host:port:db} of the tests' Redis database, the shape {@code fluxa.pools.*.redis} takes. */
    static String redisAddress() {
        return REDIS + ":" + REDIS_DB;
    }

    /** Drops the database and empties the Redis database, once per JVM. */
    static synchronized void resetOnce() {
        if (reset) {
            return;
        }
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`");
            s.execute("CREATE DATABASE `" + DATABASE + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("test MySQL at " + MYSQL_URL + ": " + e.getMessage(), e);
        }
        redis().flushdb();
        reset = true;
    }

    /** Plain Lettuce commands on the tests' Redis database: string keys, raw byte values. */
    static synchronized RedisCommands<String, byte[]> redis() {
        if (redisConnection == null) {
            String host = REDIS.substring(0, REDIS.lastIndexOf(':'));
            int port = Integer.parseInt(REDIS.substring(REDIS.lastIndexOf(':') + 1));
            redisClient = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
                    .withDatabase(REDIS_DB).build());
            redisConnection = redisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            Runtime.getRuntime().addShutdownHook(new Thread(redisClient::shutdown));
        }
        return redisConnection.sync();
    }

    /** Every row {@code sql} returns, as column label → value maps (unsigned BIGINT as Long). */
    static List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), MYSQL_USER, MYSQL_PASSWORD);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        // unsigned BIGINT arrives as BigInteger; ids fit a long
                        row.put(meta.getColumnLabel(i), value instanceof BigInteger big ? big.longValueExact() : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The single row {@code sql} returns; fails when there is none or more than one. */
    static Map<String, Object> row(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + rows.size() + ": " + rows);
        }
        return rows.get(0);
    }

    static int update(String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), MYSQL_USER, MYSQL_PASSWORD);
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * The Redis key of a cached row, {@code <table>:<stamp>:<id>}, found with {@code KEYS} (the
     * stamp depends on the column layout; the test database is small).
     */
    static List<String> rowKeys(String table, long id) {
        return redis().keys(table + ":*:" + id);
    }
}
