package io.fluxa.spring.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import io.fluxa.PoolUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default pool on Spring Boot's connection setup: {@code JdbcConnectionDetails} and
 * {@code DataRedisConnectionDetails} beans defined the way a service connection (Testcontainers
 * {@code @ServiceConnection}, Docker Compose) defines them, and the application's own {@code DataSource}.
 */
class FluxaConnectionDetailsTests {

    private static final String DB = TestServices.database("fluxa_boot_details");
    private static final int REDIS_DB = TestServices.redisDatabase();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class))
            .withBean(FluxaEntityModels.class, TestModels::notes);

    @BeforeAll
    static void services() {
        TestServices.recreateDatabase(DB);
        TestServices.createNotesTable(DB);
    }

    @BeforeEach
    void clean() {
        TestServices.sql("DELETE FROM `" + DB + "`.`notes`");
        TestServices.flushRedis(REDIS_DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    /** As a service connection would define it: only the interface, no properties involved. */
    private static JdbcConnectionDetails jdbc(String url) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return TestServices.MYSQL_USER;
            }

            @Override
            public String getPassword() {
                return TestServices.MYSQL_PASSWORD;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    private static DataRedisConnectionDetails redis(int database) {
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of(TestServices.redisHost(), TestServices.redisPort(), database);
            }
        };
    }

    /** spring.datasource.url, .username and .password for {@code url} on the test server. */
    private static String[] springDatasource(String url) {
        return new String[] {"spring.datasource.url=" + url, "spring.datasource.username=" + TestServices.MYSQL_USER,
                "spring.datasource.password=" + TestServices.MYSQL_PASSWORD};
    }

    private static String redisPool() {
        return "fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB);
    }

    private static void writeOneNote(org.springframework.context.ApplicationContext context, String title) {
        Context unit = context.getBean(FluxaContextFactory.class).newContext();
        TestModels.provider(context.getBean(FluxaEntityModels.class), "Note").newEntity(unit).setTitle(title);
        unit.flush();
    }

    @Test
    void serviceConnectionDetailsWinOverSpringProperties() {
        runner.withBean("mariadbContainer", JdbcConnectionDetails.class, () -> jdbc(TestServices.jdbcUrl(DB)))
                .withBean("redisContainer", DataRedisConnectionDetails.class, () -> redis(REDIS_DB))
                // what the container replaces: never connected to
                .withPropertyValues("spring.datasource.url=jdbc:mariadb://127.0.0.1:1/never_used",
                        "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").database()).isEqualTo(DB);
                    assertThat(engine.redis("default").database()).isEqualTo(REDIS_DB);
                    writeOneNote(context, "through the service connection");
                    assertThat(TestServices.count(DB, "notes")).isEqualTo(1);
                    assertThat(TestServices.redisKeys(REDIS_DB, "notes:*")).isNotEmpty();
                });
    }

    @Test
    void fluxaPoolSettingsWinOverConnectionDetails() {
        runner.withBean(JdbcConnectionDetails.class, () -> jdbc("jdbc:mariadb://127.0.0.1:1/never_used"))
                .withBean(DataRedisConnectionDetails.class, () -> redis(REDIS_DB % 15 + 1))
                .withPropertyValues(TestServices.defaultPoolMySql(DB))
                .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB))
                .run(context -> {
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").database()).isEqualTo(DB);
                    assertThat(engine.redis("default").database()).isEqualTo(REDIS_DB);
                });
    }

    @Test
    void springDataRedisTimeoutsApplyToTheDefaultPool() {
        runner.withBean(JdbcConnectionDetails.class, () -> jdbc(TestServices.jdbcUrl(DB)))
                .withBean(DataRedisConnectionDetails.class, () -> redis(REDIS_DB))
                .withPropertyValues("spring.data.redis.timeout=750ms", "spring.data.redis.connect-timeout=3s")
                .run(context -> assertThat(context.getBean(Engine.class).redis("default").commandTimeout())
                        .isEqualTo(Duration.ofMillis(750)));
        runner.withPropertyValues(TestServices.defaultPoolMySql(DB))
                .withPropertyValues("spring.data.redis.host=" + TestServices.redisHost(),
                        "spring.data.redis.port=" + TestServices.redisPort(), "spring.data.redis.database=" + REDIS_DB,
                        "spring.data.redis.timeout=1500ms")
                .run(context -> assertThat(context.getBean(Engine.class).redis("default").commandTimeout())
                        .isEqualTo(Duration.ofMillis(1500)));
    }

    @Test
    void anUnreachableServiceConnectionIsNamedInTheError() {
        runner.withPropertyValues(redisPool()).withBean("mariadbContainer", JdbcConnectionDetails.class, () -> jdbc("jdbc:mariadb://127.0.0.1:1/app"))
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    while (failure != null && !(failure instanceof PoolUnavailableException)) {
                        failure = failure.getCause();
                    }
                    assertThat(failure).isNotNull()
                            .hasMessageStartingWith("MySQL pool 'default' is unreachable at jdbc:mariadb://127.0.0.1:1/app")
                            .hasMessageContaining("Check the JdbcConnectionDetails bean 'mariadbContainer' (url,"
                                    + " username, password)")
                            .hasMessageNotContaining("fluxa.pools.default.mysql");
                });
    }

    @Test
    void redisClusterDetailsAreRefusedNamingTheBean() {
        DataRedisConnectionDetails cluster = new DataRedisConnectionDetails() {
            @Override
            public Cluster getCluster() {
                return () -> List.of(new Node("127.0.0.1", 7000));
            }
        };
        runner.withPropertyValues(TestServices.defaultPoolMySql(DB))
                .withBean("redisCluster", DataRedisConnectionDetails.class, () -> cluster)
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(FluxaConfigException.class)
                        .hasMessageStartingWith("the DataRedisConnectionDetails bean 'redisCluster' describes a Redis"
                                + " Cluster"));
    }

    @Test
    void bootsOwnPropertyBasedDetailsKeepNamingSpringProperties() {
        String serverOnly = TestServices.MYSQL_URL.endsWith("/") ? TestServices.MYSQL_URL : TestServices.MYSQL_URL + "/";
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(redisPool())
                .withPropertyValues(springDatasource(serverOnly))
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(FluxaConfigException.class)
                        .hasMessageStartingWith("spring.datasource.url: '" + serverOnly + "' names no database"));
    }

    @Test
    void aPoolCanUseTheApplicationsDataSource() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(springDatasource(TestServices.jdbcUrl(DB)))
                .withPropertyValues("spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.pool-name=app",
                        "fluxa.pools.default.use-application-data-source=true",
                        "fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // Boot's own details bean, built from spring.datasource.*: read as those properties
                    assertThat(context.getBean(JdbcConnectionDetails.class).getClass().getSimpleName())
                            .isEqualTo("PropertiesJdbcConnectionDetails");
                    DataSource application = context.getBean(DataSource.class);
                    Engine engine = context.getBean(Engine.class);
                    assertThat(engine.db("default").dataSource()).isSameAs(application);
                    assertThat(((HikariDataSource) application).getMaximumPoolSize()).isEqualTo(3);
                    writeOneNote(context, "one pool for both");
                    assertThat(new JdbcTemplate(application).queryForObject("SELECT Title FROM notes", String.class))
                            .isEqualTo("one pool for both");
                    engine.close();   // Fluxa leaves the application's pool open
                    assertThat(((HikariDataSource) application).isClosed()).isFalse();
                });
    }

    @Test
    void useApplicationDataSourceWithoutADataSourceSaysWhatToAdd() {
        runner.withPropertyValues("fluxa.pools.default.use-application-data-source=true")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(FluxaConfigException.class)
                        .hasMessageStartingWith("fluxa.pools.default.use-application-data-source is true, but the"
                                + " application has no DataSource bean"));
    }

    @Test
    void useApplicationDataSourceAndMySqlSettingsExcludeEachOther() {
        runner.withPropertyValues(TestServices.defaultPoolMySql(DB))
                .withPropertyValues("fluxa.pools.default.use-application-data-source=true")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(FluxaConfigException.class)
                        .hasMessage("fluxa.pools.default.use-application-data-source and fluxa.pools.default.mysql.url"
                                + " are both set: a pool uses either the application's DataSource or a connection pool"
                                + " of its own, keep one"));
    }

    @Test
    void aPoolOnTheApplicationsDataSourceTakesSchemaSettingsButNotPoolSizes() {
        TestServices.sql("CREATE TABLE `" + DB + "`.`legacy` (`id` int PRIMARY KEY)");
        ApplicationContextRunner shared = runner
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(springDatasource(TestServices.jdbcUrl(DB)))
                .withPropertyValues(redisPool(), "fluxa.pools.default.use-application-data-source=true");
        try {
            shared.run(context -> assertThat(context.getBean(Engine.class).schema().alters())
                    .anySatisfy(alter -> assertThat(alter.sql()).contains("DROP TABLE `legacy`")));
            shared.withPropertyValues("fluxa.pools.default.mysql.ignored-tables=legacy")
                    .run(context -> assertThat(context.getBean(Engine.class).schema().alters())
                            .noneSatisfy(alter -> assertThat(alter.sql()).contains("legacy")));
            shared.withPropertyValues("fluxa.pools.default.mysql.max-open-connections=4")
                    .run(context -> assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(FluxaConfigException.class)
                            .hasMessageStartingWith("fluxa.pools.default.mysql.max-open-connections is a setting of"
                                    + " Fluxa's own connection pool; pool 'default' uses a DataSource it was given"));
        } finally {
            TestServices.sql("DROP TABLE `" + DB + "`.`legacy`");
        }
    }

    @Test
    void anApplicationDataSourceWithoutADatabaseNamesTheProperty() {
        String serverOnly = TestServices.MYSQL_URL.endsWith("/") ? TestServices.MYSQL_URL : TestServices.MYSQL_URL + "/";
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(redisPool())
                .withPropertyValues(springDatasource(serverOnly))
                .withPropertyValues("fluxa.pools.default.use-application-data-source=true")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(FluxaConfigException.class)
                        .hasMessageStartingWith("fluxa.pools.default.use-application-data-source: the DataSource MySQL"
                                + " pool 'default' uses is connected to no database"));
    }
}
