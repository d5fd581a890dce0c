package io.fluxa.spring.autoconfigure.schema;

import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Applies {@code fluxa.schema.mode} ({@code none}, {@code validate}, {@code update}) on start-up, as
 * a {@link io.fluxa.spring.autoconfigure.FluxaEngineInitializer} of the auto-configured engine.
 */
@AutoConfiguration(after = FluxaAutoConfiguration.class)
@ConditionalOnClass(Engine.class)
@EnableConfigurationProperties(FluxaProperties.class)
public final class FluxaSchemaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FluxaSchemaInitializer fluxaSchemaInitializer(FluxaProperties properties) {
        return new FluxaSchemaInitializer(properties.schema());
    }
}
