package io.fluxa.spring.autoconfigure;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The local MariaDB and Redis the tests run against (FLUXA_TEST_* environment variables, with the
 * usual local defaults). Each test class uses its own database and one of this module's Redis
 * databases (10–12).
 */
public final class TestServices {

    public static final String MYSQL_URL = env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
    public static final String MYSQL_USER = env("FLUXA_TEST_MYSQL_USER", "root");
    public static final String MYSQL_PASSWORD = env("FLUXA_TEST_MYSQL_PASSWORD", "");
    public static final String REDIS = env("FLUXA_TEST_REDIS", "127.0.0.1:6379");

    private TestServices() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** JDBC URL of {@code database} on the test server. */
    public static String jdbcUrl(String database) {
        String base = MYSQL_URL.endsWith("/") ? MYSQL_URL : MYSQL_URL + "/";
        return base + database;
    }

    /** {@code fluxa.pools.default.mysql.*} properties for {@code database} on the test server. */
    public static String[] defaultPoolMySql(String database) {
        return new String[] {"fluxa.pools.default.mysql.url=" + jdbcUrl(database),
                "fluxa.pools.default.mysql.username=" + MYSQL_USER, "fluxa.pools.default.mysql.password=" + MYSQL_PASSWORD};
    }

    /** Creates table {@code notes} as the test entity {@code Note} expects it. */
    public static void createNotesTable(String database) {
        sql("CREATE TABLE `" + database + "`.`notes` (`ID` bigint unsigned NOT NULL,"
                + " `Title` varchar(100) NOT NULL, PRIMARY KEY (`ID`), UNIQUE KEY `Title` (`Title`))");
    }

    /** Drops and re-creates {@code database}. */
    public static void recreateDatabase(String database) {
        sql("DROP DATABASE IF EXISTS `" + database + "`", "CREATE DATABASE `" + database + "`");
    }

    public static void dropDatabase(String database) {
        sql("DROP DATABASE IF EXISTS `" + database + "`");
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
        return REDIS + ":" + db;
    }

    public static String redisHost() {
        return REDIS.substring(0, REDIS.lastIndexOf(':'));
    }

    public static int redisPort() {
        return Integer.parseInt(REDIS.substring(REDIS.lastIndexOf(':') + 1));
    }

    /** Empties Redis database {@code db} (only ever 10–12, this module's share). */
    public static void flushRedis(int db) {
        if (db < 10 || db > 12) {
            throw new IllegalArgumentException("Redis db " + db + " is not this module's");
        }
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(redisHost()).withPort(redisPort())
                .withDatabase(db).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushdb();
        } finally {
            client.shutdown();
        }
    }
}
