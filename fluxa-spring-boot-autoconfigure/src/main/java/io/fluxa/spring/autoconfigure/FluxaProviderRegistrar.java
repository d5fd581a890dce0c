package io.fluxa.spring.autoconfigure;

import io.fluxa.EntityModel;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

import java.beans.Introspector;

/**
 * Registers every generated provider ({@link EntityModel#providers()}) as a bean of its own class,
 * named after it ({@code userProvider}), so applications inject them by type. A provider type the
 * application already declares a bean for is left alone (the usual "missing bean" rule). Runs after
 * the configuration classes were parsed, so it sees the application's own beans.
 */
class FluxaProviderRegistrar implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware, Ordered {

    private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        for (EntityModel model : FluxaEntityModels.load(classLoader).models()) {
            for (Object provider : model.providers()) {
                register(registry, provider);
            }
        }
    }

    private static <T> void register(BeanDefinitionRegistry registry, T provider) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) provider.getClass();
        String name = Introspector.decapitalize(type.getSimpleName());
        if (registry.containsBeanDefinition(name) || alreadyDeclared(registry, type)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type, () -> provider);
        definition.setDescription("Fluxa generated provider from " + type.getName());
        registry.registerBeanDefinition(name, definition);
    }

    private static boolean alreadyDeclared(BeanDefinitionRegistry registry, Class<?> type) {
        return registry instanceof ListableBeanFactory factory
                && factory.getBeanNamesForType(type, true, false).length > 0;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
