package io.fluxa.spring.autoconfigure.metrics;

import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Lettuce's command meters for Fluxa's own Redis pools, in the application's registry, on a real Redis. */
class FluxaRedisMetricsAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_redis_metrics");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaRedisMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues(TestServices.defaultPoolMySql(DB))
            .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(TestServices.redisDatabase()));

    @BeforeAll
    static void database() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void fluxasOwnRedisPoolReportsLettuceCommandMeters() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Engine engine = context.getBean(Engine.class);
            engine.redis("default").get("fluxa-redis-metrics-probe");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Timer completion = registry.get("lettuce.command.completion").tags("pool", "fluxa-default", "command", "GET")
                    .timer();
            assertThat(completion.count()).isPositive();
            assertThat(registry.get("lettuce.command.firstresponse").tag("pool", "fluxa-default").timers()).isNotEmpty();
        });
    }

    @Test
    void switchedOffWithFluxaMetrics() {
        runner.withPropertyValues("fluxa.metrics.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(Engine.class).redis("default").get("fluxa-redis-metrics-probe");
            assertThat(context.getBean(MeterRegistry.class).find("lettuce.command.completion").timers()).isEmpty();
        });
    }
}
