package io.fluxa.embedded.spring;

import io.fluxa.embedded.EmbeddedServers;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Starts the embedded MariaDB and Redis ({@link EmbeddedServers}) when the application asks for
 * them — {@code fluxa.embedded.enabled=true}, or the {@code dev} profile — and points the
 * configured Fluxa pools at them. The servers stop when the application context closes.
 */
@AutoConfiguration(beforeName = "io.fluxa.spring.autoconfigure.FluxaAutoConfiguration")
@ConditionalOnClass(EmbeddedServers.class)
@Conditional(OnEmbeddedServersCondition.class)
public class FluxaEmbeddedAutoConfiguration {

    /**
     * Static and a bean factory post-processor: the servers run and the pool properties point at
     * them before any bean reads those properties.
     */
    @Bean
    static EmbeddedServersStarter fluxaEmbeddedServersStarter(Environment environment) {
        return new EmbeddedServersStarter(environment);
    }
}
