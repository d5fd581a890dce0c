package io.fluxa.spring.autoconfigure;

import io.fluxa.EntityModel;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

import java.beans.Introspector;

/**
 * Registers every generated provider ({@link EntityModel#providers()}) as a bean of its own class,
 * named after it ({@code userProvider}), so applications inject them by type. A provider type the
 * application already declares a bean for is left alone (the usual "missing bean" rule). Runs after
 * the configuration classes were parsed, so it sees the application's own beans.
 *
 * <p>Each provider bean is created by {@link FluxaEntityModels#provider(Class)} on the
 * {@link FluxaEntityModels} bean, so Spring AOT ({@code process-aot}) writes the registrations as
 * code. As a {@link BeanRegistrationAotProcessor} this registrar itself is left out of the AOT-generated
 * context: its registrations are already in it.
 */
class FluxaProviderRegistrar
        implements BeanDefinitionRegistryPostProcessor, BeanRegistrationAotProcessor, BeanClassLoaderAware, Ordered {

    /** The auto-configured {@link FluxaEntityModels} bean, whose {@code provider(Class)} creates each provider. */
    private static final String MODELS_BEAN = "fluxaEntityModels";

    private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        String modelsBean = modelsBean(registry);
        for (EntityModel model : FluxaEntityModels.load(classLoader).models()) {
            for (Object provider : model.providers()) {
                register(registry, provider, modelsBean);
            }
        }
    }

    /** The application's own {@link FluxaEntityModels} bean when it declares exactly one, else the auto-configured one. */
    private static String modelsBean(BeanDefinitionRegistry registry) {
        if (registry instanceof ListableBeanFactory factory) {
            String[] names = factory.getBeanNamesForType(FluxaEntityModels.class, true, false);
            if (names.length == 1) {
                return names[0];
            }
        }
        return MODELS_BEAN;
    }

    private static void register(BeanDefinitionRegistry registry, Object provider, String modelsBean) {
        Class<?> type = provider.getClass();
        String name = Introspector.decapitalize(type.getSimpleName());
        if (registry.containsBeanDefinition(name) || alreadyDeclared(registry, type)) {
            return;
        }
        // A factory method with a plain argument rather than an instance supplier: Spring AOT turns
        // this into generated code (it rejects instance suppliers).
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setFactoryBeanName(modelsBean);
        definition.setFactoryMethodName("provider");
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
        definition.setTargetType(type);
        definition.setDescription("Fluxa generated provider from " + type.getName());
        registry.registerBeanDefinition(name, definition);
    }

    private static boolean alreadyDeclared(BeanDefinitionRegistry registry, Class<?> type) {
        return registry instanceof ListableBeanFactory factory
                && factory.getBeanNamesForType(type, true, false).length > 0;
    }

    /** Contributes nothing; implemented so that AOT processing leaves this registrar out. */
    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        return null;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
