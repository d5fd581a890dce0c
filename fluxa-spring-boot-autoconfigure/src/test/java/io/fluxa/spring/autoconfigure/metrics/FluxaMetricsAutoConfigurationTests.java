package io.fluxa.spring.autoconfigure.metrics;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.log.QuerySource;
import io.fluxa.metrics.FluxaMetrics;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;
import io.fluxa.spring.autoconfigure.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class FluxaMetricsAutoConfigurationTests {

    static final String DB = "fluxa_spring_metrics";

    private final ApplicationContextRunner fluxa = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class,
                    FluxaMetricsAutoConfiguration.class))
            .withPropertyValues("fluxa.pools.default.mysql.url=" + TestServices.jdbcUrl(DB),
                    "fluxa.pools.default.mysql.username=" + TestServices.MYSQL_USER,
                    "fluxa.pools.default.mysql.password=" + TestServices.MYSQL_PASSWORD,
                    "fluxa.pools.default.redis=" + TestServices.redisAddress(12),
                    "fluxa.pools.default.local-cache=50");

    private final ApplicationContextRunner withMicrometer = fluxa.withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class));

    @BeforeAll
    static void createDatabase() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void dropDatabase() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void queriesOfSpringContextsAreMeasured() {
        withMicrometer.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FluxaMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("fluxa.local.cache.limit").tags("pool", "default").gauge().value())
                    .isEqualTo(50);

            Context unitOfWork = context.getBean(FluxaContextFactory.class).newContext();
            assertThat(unitOfWork.queryLogger().enabled(QuerySource.MYSQL)).isTrue();
            unitOfWork.queryLogger().log(QuerySource.MYSQL, "default", "SELECT", "SELECT 1", System.nanoTime(), false,
                    null);
            assertThat(registry.get("fluxa.db.queries").tags("operation", "select", "pool", "default").timer()
                    .count()).isEqualTo(1);
        });
    }

    @Test
    void switchedOffNothingIsAttached() {
        withMicrometer.withPropertyValues("fluxa.metrics.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(FluxaMetrics.class);
            Context unitOfWork = context.getBean(FluxaContextFactory.class).newContext();
            assertThat(unitOfWork.queryLogger().enabled(QuerySource.MYSQL)).isFalse();
            assertThat(unitOfWork.queryLogger().enabled(QuerySource.REDIS)).isFalse();
        });
    }

    @Test
    void withoutMeterRegistryThereAreNoMeters() {
        fluxa.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FluxaMetrics.class));
    }

    @Test
    void withoutMicrometerOnTheClassPathThereAreNoMeters() {
        withMicrometer.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(FluxaMetrics.class));
    }

    @Test
    void userMetricsBeanWins() {
        withMicrometer.withUserConfiguration(MyMetrics.class)
                .run(context -> assertThat(context.getBean(FluxaMetrics.class)).isSameAs(context.getBean("myMetrics")));
    }

    @Configuration(proxyBeanMethods = false)
    static class MyMetrics {
        @Bean
        FluxaMetrics myMetrics(Engine engine) {
            return new FluxaMetrics(engine);
        }
    }
}
