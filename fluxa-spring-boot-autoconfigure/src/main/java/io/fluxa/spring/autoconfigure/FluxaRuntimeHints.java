package io.fluxa.spring.autoconfigure;

import io.fluxa.Context;
import io.fluxa.EntityModel;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image of a Fluxa application needs beyond the code Spring AOT generates: the
 * {@code META-INF/services/io.fluxa.EntityModel} file and the public constructors of the generated
 * models it lists (the auto-configuration finds them with {@link java.util.ServiceLoader}), and the
 * JDK proxy behind the injected {@link Context}. Fluxa's Lua scripts are Java strings, and the runtime
 * uses no reflection, so nothing else is listed.
 */
class FluxaRuntimeHints implements RuntimeHintsRegistrar {

    static final String MODELS_RESOURCE = "META-INF/services/" + EntityModel.class.getName();

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern(MODELS_RESOURCE);
        ClassLoader loader = classLoader != null ? classLoader : FluxaRuntimeHints.class.getClassLoader();
        for (EntityModel model : FluxaEntityModels.load(loader).models()) {
            hints.reflection().registerType(model.getClass(), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
        }
        hints.proxies().registerJdkProxy(AopProxyUtils.completeJdkProxyInterfaces(Context.class));
    }
}
