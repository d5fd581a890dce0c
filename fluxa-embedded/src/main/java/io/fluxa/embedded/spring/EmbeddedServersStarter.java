package io.fluxa.embedded.spring;

import io.fluxa.embedded.EmbeddedServers;
import io.fluxa.embedded.EmbeddedSettings;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the servers before any bean is created, puts the rewritten pool addresses first in the
 * environment, and registers the servers as bean {@value #BEAN_NAME} that is closed with the
 * context.
 */
public final class EmbeddedServersStarter implements BeanFactoryPostProcessor, Ordered {

    /** Name of the {@link EmbeddedServers} bean. */
    public static final String BEAN_NAME = "fluxaEmbeddedServers";
    /** Name of the property source holding the rewritten addresses. */
    public static final String PROPERTY_SOURCE = "fluxaEmbeddedServers";

    private final Environment environment;

    EmbeddedServersStarter(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            throw new IllegalStateException("fluxa.embedded needs a ConfigurableEnvironment to point the pools at "
                    + "the embedded servers, got " + environment.getClass().getName());
        }
        Binder binder = Binder.get(environment);
        FluxaEmbeddedProperties properties = binder.bindOrCreate("fluxa.embedded", FluxaEmbeddedProperties.class);
        PoolOverrides overrides = PoolOverrides.read(binder, properties.mysql().database());
        EmbeddedServers servers = EmbeddedServers.start(new EmbeddedSettings(Path.of(properties.directory()),
                properties.name(), properties.data(), properties.mysql().port(), properties.redis().port(),
                properties.startupTimeout()));
        try {
            Map<String, Object> values = overrides.pointAt(servers);
            configurable.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, values));
            beanFactory.registerSingleton(BEAN_NAME, servers);
            if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
                registry.registerDisposableBean(BEAN_NAME, servers::close);
            }
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
