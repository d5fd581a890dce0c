package io.fluxa.spring.autoconfigure.metrics;

import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaRegistryCustomizer;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Lettuce's own command meters ({@code lettuce.command.completion} and
 * {@code lettuce.command.firstresponse} timers, tagged {@code command}, {@code local}, {@code remote}
 * and {@code pool=fluxa-<code>}) for the Redis pools Fluxa owns: a {@link FluxaRegistryCustomizer}
 * gives every pool's client resources a {@link MicrometerCommandLatencyRecorder} on the application's
 * registry, the way Spring Boot measures its own Lettuce connection factory.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnClass({Engine.class, MeterRegistry.class, MicrometerCommandLatencyRecorder.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "fluxa.metrics.enabled", matchIfMissing = true)
public final class FluxaRedisMetricsAutoConfiguration {

    @Bean
    FluxaRegistryCustomizer fluxaRedisCommandMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
        return registry -> registry.customizeRedisClientResources((pool, resources) -> resources.commandLatencyRecorder(
                new MicrometerCommandLatencyRecorder(meterRegistry.getObject(),
                        MicrometerOptions.builder().tags(Tags.of("pool", "fluxa-" + pool)).build())));
    }
}
