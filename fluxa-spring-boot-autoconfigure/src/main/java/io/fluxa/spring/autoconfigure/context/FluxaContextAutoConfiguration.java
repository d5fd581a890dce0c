package io.fluxa.spring.autoconfigure.context;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;

/**
 * The injected {@link Context} and units of work: a {@code Context} proxy that resolves, on each
 * call, to the current unit of work, HTTP request or Spring transaction (see
 * {@link FluxaContextScope}); {@link FluxaUnitOfWork @FluxaUnitOfWork} and
 * {@link FluxaUnitOfWorkTemplate} to open a unit of work anywhere else.
 */
@AutoConfiguration(after = FluxaAutoConfiguration.class)
@ConditionalOnClass(Engine.class)
@ConditionalOnBean(FluxaContextFactory.class)
public final class FluxaContextAutoConfiguration {

    @Bean
    static FluxaContextScope fluxaContextScope() {
        return new FluxaContextScope();
    }

    @Bean
    static FluxaUnitOfWorkPostProcessor fluxaUnitOfWorkPostProcessor(ObjectProvider<FluxaUnitOfWorkTemplate> templates) {
        return new FluxaUnitOfWorkPostProcessor(templates);
    }

    @Bean
    FluxaUnitOfWorkTemplate fluxaUnitOfWorkTemplate(FluxaContextFactory contexts, FluxaContextScope scope) {
        return new FluxaUnitOfWorkTemplate(contexts, scope);
    }

    /**
     * The current unit of work's Context, injected as a proxy (so singletons can hold it). The
     * factory method runs once per request or transaction that uses the proxy without a unit of work.
     */
    @Bean
    @Scope(value = FluxaContextScope.NAME, proxyMode = ScopedProxyMode.INTERFACES)
    @ConditionalOnMissingBean(Context.class)
    Context fluxaContext(FluxaContextFactory contexts) {
        return contexts.newContext();
    }
}
