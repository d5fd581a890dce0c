package io.fluxa.test;

import io.fluxa.FluxaException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creates and drops the databases of a test class on the test MySQL server, with plain JDBC. */
final class ServerDatabases {

    private final Class<?> testClass;
    private final FluxaTestServers servers;

    ServerDatabases(Class<?> testClass, FluxaTestServers servers) {
        this.testClass = testClass;
        this.servers = servers;
    }

    /** Drops each database when it exists and creates it empty. */
    void recreate(List<String> names) {
        run(names, true);
    }

    void drop(List<String> names) {
        run(names, false);
    }

    private void run(List<String> names, boolean create) {
        String url = servers.serverUrl();
        try (Connection c = DriverManager.getConnection(url, servers.mysqlUser(), servers.mysqlPassword());
                Statement s = c.createStatement()) {
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
            throw new FluxaException("@FluxaTest on " + testClass.getName() + ": cannot " + what
                    + " on the MySQL server " + url + " as user '" + servers.mysqlUser() + "': " + message(e)
                    + "." + driver + " " + servers.mysqlHint(), e);
        }
    }

    static String message(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
