package io.fluxa.spring.autoconfigure.logging;

import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Query logging of Spring-created contexts, switched by {@code logging.level.io.fluxa.query}. */
@AutoConfiguration(after = FluxaAutoConfiguration.class)
@ConditionalOnClass(Engine.class)
public final class FluxaLoggingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FluxaQueryLogging fluxaQueryLogging() {
        return new FluxaQueryLogging();
    }
}
