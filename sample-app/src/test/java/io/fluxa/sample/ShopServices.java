package io.fluxa.sample;

import io.fluxa.redis.RedisAddress;
import io.fluxa.test.FluxaTestServers;
import io.lettuce.core.RedisClient;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MariaDB and Redis the shop tests run against (FLUXA_TEST_* environment variables, local
 * defaults, through the shared test-run helper {@link FluxaTestServers}), reached with plain JDBC
 * and plain Lettuce so the tests see what the app really stored. The tests own database
 * {@code fluxa_sample_test_<runId>} and the Redis database this test run leased, so concurrent builds
 * never meet; both are created empty once per test JVM, before the application starts, and dropped
 * or released when the JVM exits.
 */
final class ShopServices {

    static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    static final String DATABASE = FluxaTestServers.databaseName("fluxa_sample_test");
    static final int REDIS_DB = SERVERS.redisDatabase();

    static final String MYSQL_USER = SERVERS.mysqlUser();
    static final String MYSQL_PASSWORD = SERVERS.mysqlPassword();

    private static boolean reset;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, byte[]> redisConnection;

    private ShopServices() {
    }

    /** JDBC URL of the tests' database. */
    static String jdbcUrl() {
        return SERVERS.databaseUrl(DATABASE);
    }

    /** {@code host:port:db} of the tests' Redis database, the shape {@code fluxa.pools.*.redis} takes. */
    static String redisAddress() {
        return SERVERS.redisAddress(REDIS_DB);
    }

    /** Creates the database and empties the Redis database, once per JVM. */
    static synchronized void resetOnce() {
        if (reset) {
            return;
        }
        SERVERS.createDatabase(DATABASE);
        SERVERS.flushRedisDatabase(REDIS_DB);
        reset = true;
    }

    /** Plain Lettuce commands on the tests' Redis database: string keys, raw byte values. */
    static synchronized RedisCommands<String, byte[]> redis() {
        if (redisConnection == null) {
            redisClient = RedisClient.create(RedisAddress.parse(redisAddress()).toRedisUri());
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
