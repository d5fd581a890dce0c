package io.fluxa.spring.autoconfigure.stream;

import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaRegistryCustomizer;
import io.fluxa.stream.StreamMeters;
import io.fluxa.stream.StreamOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Map;

/**
 * Streams in Spring: {@code fluxa.streams.definitions} registered on the registry, a container running
 * every {@link FluxaStreamListener} method with the context's lifecycle, stream meters when Micrometer
 * is set up, and the opt-in dead-letter health indicator {@code fluxaStreams}.
 */
@AutoConfiguration(after = FluxaAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnClass(Engine.class)
@EnableConfigurationProperties(FluxaStreamsProperties.class)
public final class FluxaStreamsAutoConfiguration {

    /** Registers {@code fluxa.streams.definitions} with their groups and length limits. */
    @Bean
    FluxaRegistryCustomizer fluxaStreamDefinitions(FluxaStreamsProperties properties) {
        return registry -> {
            for (Map.Entry<String, FluxaStreamsProperties.Definition> e : properties.definitions().entrySet()) {
                FluxaStreamsProperties.Definition d = e.getValue();
                registry.registerStream(e.getKey(), d.pool(), new StreamOptions(d.groups(), d.maxLength(),
                        d.trimUnread()));
            }
        };
    }

    /** Static: a bean post-processor must exist before the beans it inspects. */
    @Bean
    static StreamListenerMethods fluxaStreamListenerMethods() {
        return new StreamListenerMethods();
    }

    @Bean
    @ConditionalOnBean(Engine.class)
    @ConditionalOnMissingBean
    StreamListenerContainer fluxaStreamListenerContainer(Engine engine, StreamListenerMethods methods,
            FluxaStreamsProperties properties, Environment environment) {
        return new StreamListenerContainer(engine.eventBroker(), methods, properties, environment);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnBooleanProperty(name = "fluxa.metrics.enabled", matchIfMissing = true)
    static class Metrics {

        @Bean
        @ConditionalOnBean(Engine.class)
        @ConditionalOnMissingBean
        StreamMeters fluxaStreamMeters(Engine engine, FluxaStreamsProperties properties) {
            return new StreamMeters(engine.eventBroker(), properties.gaugeRefresh());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBooleanProperty(name = "fluxa.streams.health.dead-letters")
    static class DeadLetterHealth {

        @Bean
        @ConditionalOnBean(Engine.class)
        @ConditionalOnMissingBean(name = "fluxaStreamsHealthIndicator")
        DeadLetterHealthIndicator fluxaStreamsHealthIndicator(Engine engine) {
            return new DeadLetterHealthIndicator(engine.eventBroker());
        }
    }
}
