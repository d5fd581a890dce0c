package io.fluxa.spring.autoconfigure.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.fluxa.Engine;
import io.fluxa.mysql.HikariMySqlPool;
import io.fluxa.mysql.MySqlPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * HikariCP's own meters ({@code hikaricp.connections}, {@code .active}, {@code .idle},
 * {@code .pending}, {@code .max}, {@code .acquire}, {@code .usage} … tagged {@code pool=fluxa-<code>})
 * for the MySQL pools Fluxa owns, bound to the application's registry the way Spring Boot binds its
 * own {@code DataSource}. A pool on the application's {@code DataSource}
 * ({@code use-application-data-source}) is left to Boot, which measures that pool already.
 */
@AutoConfiguration(after = FluxaMetricsAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnClass({Engine.class, MeterRegistry.class, HikariDataSource.class})
@ConditionalOnBean({Engine.class, MeterRegistry.class})
@ConditionalOnBooleanProperty(name = "fluxa.metrics.enabled", matchIfMissing = true)
public final class FluxaConnectionPoolMetricsAutoConfiguration {

    @Bean
    MeterBinder fluxaConnectionPoolMetrics(Engine engine) {
        return registry -> engine.dbPools().forEach(pool -> bind(pool, registry));
    }

    private static void bind(MySqlPool pool, MeterRegistry registry) {
        if (pool instanceof HikariMySqlPool own && own.ownsDataSource()
                && own.dataSource() instanceof HikariDataSource hikari
                && hikari.getMetricRegistry() == null && hikari.getMetricsTrackerFactory() == null) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }
}
