package io.fluxa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Registry#registerMySql(String, javax.sql.DataSource, Registry.MySqlOptions)}: a MySQL pool on a
 * data source the application owns, against the real MariaDB.
 */
class SharedDataSourceTest {

    private static final String DB = "fluxa_shared_ds";
    private static String url;

    @BeforeAll
    static void createDatabase() {
        url = TestServices.freshDatabase(DB);
    }

    @AfterAll
    static void dropDatabase() {
        TestServices.dropDatabase(DB);
    }

    private static HikariDataSource applicationPool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("application");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(TestServices.MYSQL_USER);
        config.setPassword(TestServices.MYSQL_PASSWORD);
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    @Test
    void queriesGoThroughTheGivenDataSourceWhichFluxaNeverCloses() throws Exception {
        try (HikariDataSource application = applicationPool(url)) {
            Engine engine = new Registry().registerMySql("default", application,
                    new Registry.MySqlOptions(null, null, null, null, null, List.of("legacy"))).validate();
            try {
                assertThat(engine.db("default").dataSource()).isSameAs(application);
                assertThat(engine.db("default").database()).isEqualTo(url.substring(url.lastIndexOf('/') + 1));
                engine.db("default").exec("CREATE TABLE shared_probe (id int PRIMARY KEY)");
                engine.db("default").inTransaction(tx -> tx.exec("INSERT INTO shared_probe VALUES (7)"));
                assertThat(engine.db("default").queryRow("SELECT id FROM shared_probe", rs -> rs.getInt(1)))
                        .contains(7);
                assertThat(application.getHikariPoolMXBean().getTotalConnections()).isBetween(1, 2);
            } finally {
                engine.close();
            }
            assertThat(application.isClosed()).isFalse();
            try (Connection c = application.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void poolSizingAndCharsetBelongToTheDataSource() {
        try (HikariDataSource application = applicationPool(url)) {
            assertThatThrownBy(() -> new Registry().registerMySql("default", application,
                    new Registry.MySqlOptions(5, null, null, null, null, null)))
                    .isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.default.mysql.max-open-connections is a setting of Fluxa's own"
                            + " connection pool; pool 'default' uses a DataSource it was given, so set it on that"
                            + " DataSource instead");
            assertThatThrownBy(() -> new Registry().registerMySql("default", application,
                    new Registry.MySqlOptions(null, null, Duration.ofMinutes(5), null, null, null)))
                    .hasMessageStartingWith("fluxa.pools.default.mysql.connection-max-lifetime is a setting");
            assertThatThrownBy(() -> new Registry().registerMySql("default", application,
                    new Registry.MySqlOptions(null, null, null, "latin1", null, null)))
                    .hasMessageStartingWith("fluxa.pools.default.mysql.default-charset is a setting");
        }
    }

    @Test
    void aDataSourceWithoutADatabaseIsAConfigError() {
        String serverOnly = TestServices.MYSQL_URL.endsWith("/") ? TestServices.MYSQL_URL : TestServices.MYSQL_URL + "/";
        try (HikariDataSource application = applicationPool(serverOnly)) {
            Registry registry = new Registry().registerMySql("reports", application, null);
            assertThatThrownBy(registry::validate).isInstanceOf(FluxaConfigException.class)
                    .hasMessage("fluxa.pools.reports.mysql: the DataSource MySQL pool 'reports' uses is connected to"
                            + " no database; give its JDBC URL a database, e.g. jdbc:mariadb://localhost:3306/app");
            assertThat(application.isClosed()).isFalse();
        }
    }

    @Test
    void aDataSourceThatCannotConnectNamesThePool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:mariadb://127.0.0.1:1/app");
        config.setUsername("root");
        config.setConnectionTimeout(1_000);
        config.setInitializationFailTimeout(-1);   // starts without a connection, as a lazy application pool would
        try (HikariDataSource unreachable = new HikariDataSource(config)) {
            Registry registry = new Registry().registerMySql("orders", unreachable, null);
            assertThatThrownBy(registry::validate).isInstanceOf(PoolUnavailableException.class)
                    .hasMessageStartingWith("MySQL pool 'orders' could not get a connection from the DataSource it"
                            + " uses (com.zaxxer.hikari.HikariDataSource): ")
                    .hasMessageEndingWith("Check that DataSource's settings and that the server is running.")
                    .satisfies(e -> assertThat(((PoolUnavailableException) e).pool()).isEqualTo("orders"));
        }
    }
}
