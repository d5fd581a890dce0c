package io.fluxa.spring.autoconfigure.metrics;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.PoolUnavailableException;
import io.fluxa.log.QueryLogger;
import io.fluxa.metrics.FluxaMetrics;
import io.fluxa.redis.RedisPool;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextCustomizer;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;
import io.fluxa.spring.autoconfigure.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fluxa meters with and without Micrometer; never a MeterRegistry of Fluxa's own. */
class FluxaMetricsAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_metrics");

    private final ApplicationContextRunner fluxaOnly = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaMetricsAutoConfiguration.class))
            .withPropertyValues(TestServices.defaultPoolMySql(DB))
            .withPropertyValues("fluxa.pools.default.local-cache=50");

    /** What an application with actuator gets: Boot's metrics support and its simple registry. */
    private final ApplicationContextRunner withBootMetrics = fluxaOnly.withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class));

    @BeforeAll
    static void database() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void withBootsRegistryFluxaMetersAreBoundAndQueriesMeasured() {
        withBootMetrics.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FluxaMetrics.class);
            assertThat(context.getBeanNamesForType(MeterRegistry.class)).containsExactly("simpleMeterRegistry");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("fluxa.local.cache.limit").tag("pool", "default").gauge().value()).isEqualTo(50);

            runQuery(context);
            assertThat(registry.get("fluxa.db.queries").tag("pool", "default").timers())
                    .anySatisfy(timer -> assertThat(timer.count()).isPositive());
        });
    }

    @Test
    void theRedisCircuitBreakerIsMeteredPerPool() {
        withBootMetrics.withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(
                TestServices.redisDatabase())).run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("fluxa.redis.circuit.open").tag("pool", "default").gauge().value()).isZero();
                    RedisPool redis = context.getBean(Engine.class).redis("default");
                    redis.connection().close(); // the pool's connection is gone for good: the breaker opens
                    assertThatThrownBy(() -> redis.get("any")).isInstanceOf(PoolUnavailableException.class);
                    assertThatThrownBy(() -> redis.get("any")).isInstanceOf(PoolUnavailableException.class);
                    assertThat(registry.get("fluxa.redis.circuit.open").tag("pool", "default").gauge().value())
                            .isEqualTo(1);
                    assertThat(registry.get("fluxa.redis.circuit.opened").tag("pool", "default").functionCounter()
                            .count()).isEqualTo(1);
                    assertThat(registry.get("fluxa.redis.circuit.rejected").tag("pool", "default").functionCounter()
                            .count()).isEqualTo(1);
                    assertThat(registry.get("fluxa.redis.fallbacks").tag("pool", "default").functionCounter()
                            .count()).isZero();
                });
    }

    @Test
    void anApplicationRegistryIsUsedAndNoSecondOneIsAdded() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        withBootMetrics.withBean("myRegistry", MeterRegistry.class, () -> own).run(context -> {
            assertThat(context.getBeanNamesForType(MeterRegistry.class)).containsExactly("myRegistry");
            runQuery(context);
            assertThat(own.find("fluxa.db.queries").timers()).isNotEmpty();
        });
    }

    @Test
    void withoutAMeterRegistryNothingIsAttached() {
        fluxaOnly.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class).doesNotHaveBean(FluxaMetrics.class)
                    .doesNotHaveBean(FluxaContextCustomizer.class);
            assertThat(newContext(context).queryLogger()).isSameAs(QueryLogger.NONE);
        });
    }

    /** Micrometer comes with the runtime, but an application may exclude it. */
    @Test
    void withoutMicrometerOnTheClassPathNothingIsAttached() {
        withBootMetrics.withClassLoader(new FilteredClassLoader("io.micrometer.")).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(FluxaMetrics.class)
                    .doesNotHaveBean(FluxaContextCustomizer.class);
            assertThat(newContext(context).queryLogger()).isSameAs(QueryLogger.NONE);
        });
    }

    @Test
    void metricsCanBeSwitchedOff() {
        withBootMetrics.withPropertyValues("fluxa.metrics.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MeterRegistry.class).doesNotHaveBean(FluxaMetrics.class)
                    .doesNotHaveBean(FluxaContextCustomizer.class);
            assertThat(newContext(context).queryLogger()).isSameAs(QueryLogger.NONE);
            runQuery(context);
            assertThat(context.getBean(MeterRegistry.class).find("fluxa.db.queries").timers()).isEmpty();
            assertThat(context.getBean(MeterRegistry.class).find("fluxa.local.cache.limit").gauges()).isEmpty();
        });
    }

    @Test
    void aFluxaMetricsBeanTheApplicationDeclaresWins() {
        withBootMetrics.withBean("myMetrics", FluxaMetrics.class,
                        () -> new FluxaMetrics(new io.fluxa.Registry().validate()))
                .run(context -> assertThat(context.getBeanNamesForType(FluxaMetrics.class))
                        .containsExactly("myMetrics"));
    }

    private static Context newContext(AssertableApplicationContext context) {
        return context.getBean(FluxaContextFactory.class).newContext();
    }

    private static void runQuery(AssertableApplicationContext context) {
        Context unit = newContext(context);
        assertThat(unit.db("default").queryRow("SELECT 1", row -> row.getInt(1))).contains(1);
    }
}
