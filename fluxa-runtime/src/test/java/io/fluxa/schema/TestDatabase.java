package io.fluxa.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.log.QueryLogger;
import io.fluxa.mysql.HikariMySqlPool;
import io.fluxa.mysql.MySqlPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A fresh database on the test MariaDB/MySQL server, reached through a real {@link MySqlPool}.
 */
final class TestDatabase implements AutoCloseable {

    private final String name;
    private final MariaDbDataSource server;
    private final MariaDbDataSource database;
    private HikariDataSource hikari;

    TestDatabase(String name) throws SQLException {
        this.name = name;
        String url = env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
        if (!url.endsWith("/")) {
            url = url + "/";
        }
        server = dataSource(url);
        exec("DROP DATABASE IF EXISTS `" + name + "`");
        exec("CREATE DATABASE `" + name + "`");
        database = dataSource(url + name);
    }

    private static MariaDbDataSource dataSource(String url) throws SQLException {
        MariaDbDataSource ds = new MariaDbDataSource(url);
        ds.setUser(env("FLUXA_TEST_MYSQL_USER", "root"));
        ds.setPassword(env("FLUXA_TEST_MYSQL_PASSWORD", ""));
        return ds;
    }

    private static String env(String key, String defaultValue) {
        String v = System.getenv(key);
        return v == null || v.isEmpty() ? defaultValue : v;
    }

    /** A real Fluxa pool (HikariCP) on this database; closed with the database. */
    MySqlPool pool(String code) {
        if (hikari == null) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(database);
            config.setMaximumPoolSize(2);
            hikari = new HikariDataSource(config);
        }
        String version;
        try (Connection c = hikari.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server version of " + name, e);
        }
        return new HikariMySqlPool(code, hikari, name, version, QueryLogger.NONE);
    }

    void exec(String sql) throws SQLException {
        try (Connection c = (database == null ? server : database).getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every row of a query, each row as a list of strings. */
    List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        if (hikari != null) {
            hikari.close();
        }
        try (Connection c = server.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
