package io.fluxa.spring.autoconfigure.observation;

import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaRegistryCustomizer;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * A Micrometer observation per flush ({@link FluxaFlushObserver}) when the application has an
 * {@link ObservationRegistry} (Spring Boot's actuator defines one; tracing bridges turn it into spans).
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({Engine.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
public final class FluxaObservationAutoConfiguration {

    @Bean
    FluxaRegistryCustomizer fluxaFlushObservation(ObjectProvider<ObservationRegistry> observations) {
        return registry -> registry.setFlushObserver(new FluxaFlushObserver(observations.getObject()));
    }
}
