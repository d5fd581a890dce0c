package io.fluxa.embedded.spring;

import io.fluxa.embedded.EmbeddedServerException;
import io.fluxa.embedded.EmbeddedServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class FluxaEmbeddedAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaEmbeddedAutoConfiguration.class))
            .withPropertyValues("fluxa.embedded.directory=target/embedded-test", "fluxa.embedded.data=fresh");

    @Test
    void staysOffUnlessAskedFor() {
        runner.withPropertyValues("fluxa.pools.default.mysql.url=jdbc:mariadb://db:3306/app")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedServers.class);
                    assertThat(context.getEnvironment().getProperty("fluxa.pools.default.mysql.url"))
                            .isEqualTo("jdbc:mariadb://db:3306/app");
                });
        runner.withPropertyValues("spring.profiles.active=dev", "fluxa.embedded.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedServers.class));
    }

    @Test
    void theDevProfilePointsEveryPoolAtTheEmbeddedServersAndClosingStopsThem() {
        int[] ports = new int[2];
        runner.withPropertyValues("spring.profiles.active=dev", "fluxa.embedded.name=dev-profile",
                "fluxa.pools.default.mysql.url=jdbc:mariadb://db.example:3306/shop?useSsl=false",
                "fluxa.pools.default.mysql.username=app", "fluxa.pools.default.mysql.password=secret",
                "fluxa.pools.default.redis=cache.example:6379:4",
                "fluxa.pools.reports.mysql.url=jdbc:mariadb://reports.example/reports",
                "fluxa.pools.sessions.redis=redis://user:pw@sessions.example:6380/7")
                .run(context -> {
                    assertThat(context).hasSingleBean(EmbeddedServers.class);
                    EmbeddedServers servers = context.getBean(EmbeddedServers.class);
                    ports[0] = servers.mysqlPort();
                    ports[1] = servers.redisPort();
                    var env = context.getEnvironment();
                    String shop = env.getProperty("fluxa.pools.default.mysql.url");
                    assertThat(shop).isEqualTo("jdbc:mariadb://127.0.0.1:" + ports[0]
                            + "/shop?useSsl=false&createDatabaseIfNotExist=true");
                    assertThat(env.getProperty("fluxa.pools.default.mysql.username")).isEqualTo("root");
                    assertThat(env.getProperty("fluxa.pools.default.mysql.password")).isEmpty();
                    assertThat(env.getProperty("fluxa.pools.default.redis")).isEqualTo("127.0.0.1:" + ports[1] + ":4");
                    assertThat(env.getProperty("fluxa.pools.reports.mysql.url")).isEqualTo("jdbc:mariadb://127.0.0.1:"
                            + ports[0] + "/reports?createDatabaseIfNotExist=true");
                    assertThat(env.getProperty("fluxa.pools.sessions.redis")).isEqualTo("127.0.0.1:" + ports[1] + ":7");
                    // the rewritten URL works as is: the database is created on first connection
                    try (Connection c = DriverManager.getConnection(shop, "root", "");
                            Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                        rs.next();
                        assertThat(rs.getString(1)).isEqualTo("shop");
                    }
                });
        assertThat(EmbeddedServers.answers(ports[0])).as("MariaDB stopped with the context").isFalse();
        assertThat(EmbeddedServers.answers(ports[1])).as("Redis stopped with the context").isFalse();
    }

    @Test
    void withoutFluxaPoolsSpringsOwnSettingsAreRewritten() {
        runner.withPropertyValues("fluxa.embedded.enabled=true", "fluxa.embedded.name=spring-settings",
                "spring.datasource.url=jdbc:mysql://localhost/app", "spring.data.redis.url=redis://localhost:6379/2")
                .run(context -> {
                    EmbeddedServers servers = context.getBean(EmbeddedServers.class);
                    var env = context.getEnvironment();
                    assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:mysql://127.0.0.1:"
                            + servers.mysqlPort() + "/app?createDatabaseIfNotExist=true");
                    assertThat(env.getProperty("spring.data.redis.url"))
                            .isEqualTo("redis://127.0.0.1:" + servers.redisPort() + "/2");
                    assertThat(env.getProperty("fluxa.pools.default.mysql.url")).isNull();
                });
    }

    @Test
    void withNothingConfiguredADefaultPoolIsAdded() {
        runner.withPropertyValues("fluxa.embedded.enabled=true", "fluxa.embedded.name=nothing-configured",
                "fluxa.embedded.mysql.database=playground")
                .run(context -> {
                    EmbeddedServers servers = context.getBean(EmbeddedServers.class);
                    var env = context.getEnvironment();
                    assertThat(env.getProperty("fluxa.pools.default.mysql.url")).isEqualTo("jdbc:mariadb://127.0.0.1:"
                            + servers.mysqlPort() + "/playground?createDatabaseIfNotExist=true");
                    assertThat(env.getProperty("fluxa.pools.default.redis"))
                            .isEqualTo("127.0.0.1:" + servers.redisPort() + ":0");
                });
    }

    @Test
    void aSentinelPoolFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("fluxa.embedded.enabled=true", "fluxa.embedded.name=sentinel",
                "fluxa.pools.default.sentinel.master=mymaster", "fluxa.pools.default.sentinel.nodes=s1:26379")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).isInstanceOf(EmbeddedServerException.class)
                            .hasMessageContaining("fluxa.pools.default.sentinel: the embedded Redis is a single server");
                });
    }
}
