package io.fluxa.spring.autoconfigure.asyncflush;

import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Async flush in Spring: consumers for the MySQL pools' streams that start and stop with the
 * application ({@code fluxa.async-flush.*}), and their meters when Micrometer is set up.
 */
@AutoConfiguration(after = FluxaAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnClass(Engine.class)
@EnableConfigurationProperties(FluxaAsyncFlushProperties.class)
public final class FluxaAsyncFlushAutoConfiguration {

    @Bean
    @ConditionalOnBean(Engine.class)
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "fluxa.async-flush.enabled", matchIfMissing = true)
    AsyncFlushConsumers fluxaAsyncFlushConsumers(Engine engine, FluxaAsyncFlushProperties properties) {
        return new AsyncFlushConsumers(engine, properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnBooleanProperty(name = "fluxa.metrics.enabled", matchIfMissing = true)
    static class Metrics {

        @Bean
        @ConditionalOnBean(Engine.class)
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "fluxa.async-flush.enabled", matchIfMissing = true)
        AsyncFlushMeters fluxaAsyncFlushMeters(Engine engine, FluxaAsyncFlushProperties properties) {
            return new AsyncFlushMeters(engine, AsyncFlushConsumers.pools(engine, properties),
                    properties.statsRefresh());
        }
    }
}
