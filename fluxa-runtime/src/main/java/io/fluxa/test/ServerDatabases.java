package io.fluxa.test;

import io.fluxa.FluxaException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** Creates and drops databases on the test MySQL server, with plain JDBC. */
final class ServerDatabases {

    private ServerDatabases() {
    }

    /** Drops each database when it exists and creates it empty. */
    static void recreate(FluxaTestServers servers, List<String> names) {
        run(servers, names, true);
    }

    static void drop(FluxaTestServers servers, List<String> names) {
        run(servers, names, false);
    }

    private static void run(FluxaTestServers servers, List<String> names, boolean create) {
        try (Connection c = connect(servers); Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP DATABASE IF EXISTS `" + name + "`");
                if (create) {
                    s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
                }
            }
        } catch (SQLException e) {
            String what = (create ? "create" : "drop") + " database" + (names.size() == 1 ? " " : "s ")
                    + String.join(", ", names);
            String driver = e.getMessage() != null && e.getMessage().startsWith("No suitable driver")
                    ? " Add a JDBC driver to the test class path (org.mariadb.jdbc:mariadb-java-client or "
                            + "com.mysql:mysql-connector-j)."
                    : "";
            throw new FluxaException("cannot " + what + " on the MySQL server " + servers.serverUrl() + " as user '"
                    + servers.mysqlUser() + "': " + message(e) + "." + driver + " " + servers.mysqlHint(), e);
        }
    }

    /**
     * A connection to the server itself, with bounded connect and read timeouts (both drivers,
     * MariaDB Connector/J and MySQL Connector/J, take these properties in milliseconds).
     */
    static Connection connect(FluxaTestServers servers) throws SQLException {
        Properties properties = new Properties();
        if (servers.mysqlUser() != null) {
            properties.setProperty("user", servers.mysqlUser());
        }
        properties.setProperty("password", servers.mysqlPassword());
        properties.setProperty("connectTimeout", "10000");
        properties.setProperty("socketTimeout", "120000");
        return DriverManager.getConnection(servers.serverUrl(), properties);
    }

    static String message(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
