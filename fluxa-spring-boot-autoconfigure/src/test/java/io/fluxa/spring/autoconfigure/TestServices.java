package io.fluxa.spring.autoconfigure;

import io.fluxa.test.FluxaTestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The MariaDB and Redis the tests run against, through the shared test-run helper
 * ({@link FluxaTestServers}: FLUXA_TEST_* environment variables, local defaults). Each test class
 * uses a database of its own named after this JVM's test run, and the Redis database the run leased,
 * so concurrent builds never touch each other's data.
 */
public final class TestServices {

    public static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    public static final String MYSQL_URL = SERVERS.mysqlUrl();
    public static final String MYSQL_USER = SERVERS.mysqlUser();
    public static final String MYSQL_PASSWORD = SERVERS.mysqlPassword();
    public static final String REDIS = SERVERS.redis();

    private TestServices() {
    }

    /** This test run's name for database {@code base}: {@code base_<runId>}. */
    public static String database(String base) {
        return FluxaTestServers.databaseName(base);
    }

    /** The Redis database this test run leased: no other build uses it. */
    public static int redisDatabase() {
        return SERVERS.redisDatabase();
    }

    /** JDBC URL of {@code database} on the test server. */
    public static String jdbcUrl(String database) {
        return SERVERS.databaseUrl(database);
    }

    /** {@code fluxa.pools.default.mysql.*} properties for {@code database} on the test server. */
    public static String[] defaultPoolMySql(String database) {
        return new String[] {"fluxa.pools.default.mysql.url=" + jdbcUrl(database),
                "fluxa.pools.default.mysql.username=" + MYSQL_USER, "fluxa.pools.default.mysql.password=" + MYSQL_PASSWORD};
    }

    /** Points {@code fluxa.pools.default.*} at {@code database} and Redis database {@code redisDb}. */
    public static void defaultPool(DynamicPropertyRegistry properties, String database, int redisDb) {
        properties.add("fluxa.pools.default.mysql.url", () -> jdbcUrl(database));
        properties.add("fluxa.pools.default.mysql.username", () -> MYSQL_USER);
        properties.add("fluxa.pools.default.mysql.password", () -> MYSQL_PASSWORD);
        properties.add("fluxa.pools.default.redis", () -> redisAddress(redisDb));
    }

    /** {@code database} created anew with table {@code notes}, and Redis database {@code redisDb} emptied. */
    public static void freshNotes(String database, int redisDb) {
        recreateDatabase(database);
        createNotesTable(database);
        flushRedis(redisDb);
    }

    /** Creates table {@code notes} as the test entity {@code Note} expects it. */
    public static void createNotesTable(String database) {
        sql("CREATE TABLE `" + database + "`.`notes` (`ID` bigint unsigned NOT NULL,"
                + " `Title` varchar(100) NOT NULL, PRIMARY KEY (`ID`), UNIQUE KEY `Title` (`Title`))");
    }

    /** Drops and re-creates {@code database}, a name from {@link #database(String)}. */
    public static void recreateDatabase(String database) {
        SERVERS.createDatabase(database);
    }

    public static void dropDatabase(String database) {
        SERVERS.dropDatabase(database);
    }

    /** Runs statements on the server (not in a particular database). */
    public static void sql(String... statements) {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test MySQL at " + MYSQL_URL + ": " + e.getMessage(), e);
        }
    }

    /** Column names of {@code database.table}, in order. */
    public static List<String> columns(String database, String table) {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD);
                var rs = c.getMetaData().getColumns(database, null, table, null)) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of {@code query}, as strings. */
    public static List<String> strings(String query) {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD);
                Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    /** Number of rows of {@code database.table}. */
    public static long count(String database, String table) {
        return queryLong("SELECT COUNT(*) FROM `" + database + "`.`" + table + "`");
    }

    /** The first column of the first row of {@code query}, as a number. */
    public static long queryLong(String query) {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD);
                Statement s = c.createStatement(); var rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    /** Keys of Redis database {@code db} matching {@code pattern}. */
    public static List<String> redisKeys(int db, String pattern) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(redisHost()).withPort(redisPort())
                .withDatabase(db).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(pattern);
        } finally {
            client.shutdown();
        }
    }

    /** {@code host:port:db} of Redis database {@code db} on the test server. */
    public static String redisAddress(int db) {
        return SERVERS.redisAddress(db);
    }

    public static String redisHost() {
        return REDIS.substring(0, REDIS.lastIndexOf(':'));
    }

    public static int redisPort() {
        return Integer.parseInt(REDIS.substring(REDIS.lastIndexOf(':') + 1));
    }

    /** Empties Redis database {@code db}, which must be one this test run leased. */
    public static void flushRedis(int db) {
        SERVERS.flushRedisDatabase(db);
    }
}
