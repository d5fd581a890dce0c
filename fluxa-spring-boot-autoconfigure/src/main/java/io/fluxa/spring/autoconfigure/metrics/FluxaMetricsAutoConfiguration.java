package io.fluxa.spring.autoconfigure.metrics;

import io.fluxa.Engine;
import io.fluxa.metrics.FluxaMetrics;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Fluxa meters ({@link FluxaMetrics}) when Micrometer is set up. {@code FluxaMetrics} is a
 * {@code MeterBinder}, so Spring Boot binds it to the application's registry; its query handler is
 * attached to Fluxa contexts only here, so with {@code fluxa.metrics.enabled=false} (or without a
 * {@code MeterRegistry}) queries carry no metrics cost at all.
 */
@AutoConfiguration(after = FluxaAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnClass({Engine.class, MeterRegistry.class})
@ConditionalOnBean({Engine.class, MeterRegistry.class})
@ConditionalOnBooleanProperty(name = "fluxa.metrics.enabled", matchIfMissing = true)
public final class FluxaMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FluxaMetrics fluxaMetrics(Engine engine) {
        return new FluxaMetrics(engine);
    }

    /** Measures the queries of every context Spring creates (the request-scoped one included). */
    @Bean
    FluxaContextCustomizer fluxaMetricsContextCustomizer(FluxaMetrics metrics) {
        return context -> context.registerQueryLogger(metrics.queryLogHandler(), true, true, true);
    }
}
