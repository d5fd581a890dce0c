package io.fluxa.schema;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.log.QueryLogger;
import io.fluxa.mysql.HikariMySqlPool;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.test.FluxaTestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A fresh database of this test run on the test MariaDB/MySQL server (named after the run, so no
 * other build uses it), reached through a real {@link MySqlPool}.
 */
final class TestDatabase implements AutoCloseable {

    private static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();

    private final String name;
    private final MariaDbDataSource database;
    private HikariDataSource hikari;

    /** Creates this run's database for {@code base}. */
    TestDatabase(String base) throws SQLException {
        this.name = SERVERS.createDatabase(base);
        database = new MariaDbDataSource(SERVERS.databaseUrl(name));
        database.setUser(SERVERS.mysqlUser());
        database.setPassword(SERVERS.mysqlPassword());
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
        return new HikariMySqlPool(code, hikari, name, version, new HikariMySqlPool.Timeouts(
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(10)),
                QueryLogger.NONE);
    }

    void exec(String sql) throws SQLException {
        try (Connection c = database.getConnection();
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
    public void close() {
        if (hikari != null) {
            hikari.close();
        }
        SERVERS.dropDatabase(name);
    }
}
