package io.fluxa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Connection settings of the real services the runtime tests use, from the environment. */
final class TestServices {

    static final String MYSQL_URL = env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
    static final String MYSQL_USER = env("FLUXA_TEST_MYSQL_USER", "root");
    static final String MYSQL_PASSWORD = env("FLUXA_TEST_MYSQL_PASSWORD", "");
    static final String REDIS = env("FLUXA_TEST_REDIS", "127.0.0.1:6379");

    private TestServices() {
    }

    /** Drops and creates {@code database}; returns its JDBC URL. */
    static String freshDatabase(String database) {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
            s.execute("CREATE DATABASE `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare test database " + database, e);
        }
        return MYSQL_URL + database;
    }

    static void dropDatabase(String database) {
        try (Connection c = DriverManager.getConnection(MYSQL_URL, MYSQL_USER, MYSQL_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + database, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
