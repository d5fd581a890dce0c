package io.fluxa.spring.autoconfigure;

import io.fluxa.Engine;
import io.fluxa.Registry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import javax.sql.DataSource;

/**
 * The core of the Fluxa integration: the {@link Engine} built from {@code fluxa.*} and every
 * generated entity model, one bean per generated provider, and a {@link FluxaContextFactory}. The
 * default pool falls back to Boot's connection details ({@code JdbcConnectionDetails},
 * {@code DataRedisConnectionDetails}) and {@code spring.datasource.*} / {@code spring.data.redis.*};
 * a pool may use the application's {@link DataSource}. The engine is created after Flyway, Liquibase
 * and SQL script initialization ({@link FluxaDependsOnDatabaseInitializationDetector}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(Engine.class)
@EnableConfigurationProperties(FluxaProperties.class)
@ImportRuntimeHints(FluxaRuntimeHints.class)
public final class FluxaAutoConfiguration {

    /** Registers the generated providers as beans; static so it runs before any bean is created. */
    @Bean
    static FluxaProviderRegistrar fluxaProviderRegistrar() {
        return new FluxaProviderRegistrar();
    }

    @Bean
    @ConditionalOnMissingBean
    FluxaEntityModels fluxaEntityModels(ResourceLoader resourceLoader) {
        return FluxaEntityModels.load(resourceLoader.getClassLoader());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Engine fluxaEngine(FluxaProperties properties, Environment environment, FluxaEntityModels models,
            ObjectProvider<FluxaRegistryCustomizer> customizers, ObjectProvider<FluxaEngineInitializer> initializers,
            ObjectProvider<DataSource> dataSources, ListableBeanFactory beans) {
        FluxaRegistryFactory factory = new FluxaRegistryFactory(properties, Binder.get(environment),
                new BootConnectionDetails(beans), dataSources::getIfUnique);
        Registry registry = factory.create(models.models());
        customizers.orderedStream().forEach(customizer -> customizer.customize(registry));
        Engine engine = factory.propertyNames().translating(registry::validate);
        try {
            initializers.orderedStream().forEach(initializer -> initializer.initialize(engine));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    @Bean
    @ConditionalOnMissingBean
    FluxaContextFactory fluxaContextFactory(Engine engine, FluxaProperties properties,
            ObjectProvider<FluxaContextCustomizer> customizers) {
        return new FluxaContextFactory(engine, properties.contextCache(), customizers.orderedStream().toList());
    }
}
