package io.fluxa.spring.autoconfigure.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** HikariCP's meters for Fluxa's own MySQL pools and Lettuce's for its Redis pools, in the application's registry. */
class FluxaConnectionPoolMetricsAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_pool_metrics");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaMetricsAutoConfiguration.class,
                    FluxaConnectionPoolMetricsAutoConfiguration.class, FluxaRedisMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues(TestServices.defaultPoolMySql(DB))
            .withPropertyValues("fluxa.pools.default.mysql.max-open-connections=3",
                    "fluxa.pools.default.redis=" + TestServices.redisAddress(TestServices.redisDatabase()));

    @BeforeAll
    static void database() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void fluxasOwnPoolReportsHikariMeters() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            HikariDataSource pool = (HikariDataSource) context.getBean(Engine.class).db("default").dataSource();
            try (Connection borrowed = pool.getConnection()) {
                assertThat(registry.get("hikaricp.connections.max").tag("pool", "fluxa-default").gauge().value())
                        .isEqualTo(3);
                assertThat(registry.get("hikaricp.connections.active").tag("pool", "fluxa-default").gauge().value())
                        .isGreaterThanOrEqualTo(1);
            }
            assertThat(registry.get("hikaricp.connections.acquire").tag("pool", "fluxa-default").timer().count())
                    .isPositive();
        });
    }

    @Test
    void fluxasOwnRedisPoolReportsLettuceCommandMeters() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(Engine.class).redis("default").get("fluxa-redis-metrics-probe");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("lettuce.command.completion").tags("pool", "fluxa-default", "command", "GET")
                    .timer().count()).isPositive();
            assertThat(registry.get("lettuce.command.firstresponse").tag("pool", "fluxa-default").timers()).isNotEmpty();
        });
    }

    @Test
    void switchedOffWithFluxaMetrics() {
        runner.withPropertyValues("fluxa.metrics.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(Engine.class).redis("default").get("fluxa-redis-metrics-probe");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("hikaricp.connections.max").gauges()).isEmpty();
            assertThat(registry.find("lettuce.command.completion").timers()).isEmpty();
        });
    }
}
