package io.fluxa.test;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link FluxaTest}; use the annotation rather than registering this
 * class directly. Per test class it creates the databases and an {@link Engine}, before every test
 * it empties tables, Redis and local caches and hands out a fresh {@link Context}, and after the
 * class it closes the engine and drops the databases. {@code @Nested} classes share the engine of
 * the class that encloses them.
 */
public final class FluxaExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FluxaExtension.class);
    private static final String RUNTIME = "runtime";
    private static final String CONTEXT = "context:";

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(RUNTIME, FluxaTestRuntime.class) != null) {
            return; // a @Nested class: the enclosing class's runtime serves it
        }
        Class<?> testClass = context.getRequiredTestClass();
        FluxaTest settings = settings(testClass);
        FluxaTestRuntime runtime = FluxaTestRuntime.start(testClass, settings, context.getUniqueId());
        store.put(RUNTIME, runtime);
        injectStatic(testClass, runtime.engine());
        // with @TestInstance(PER_CLASS) the instance exists already and non-static @BeforeAll methods may use it
        for (Object instance : context.getTestInstances().map(i -> i.getAllInstances()).orElse(java.util.List.of())) {
            inject(instance, runtime.engine(), context(context, runtime));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        FluxaTestRuntime runtime = store.get(RUNTIME, FluxaTestRuntime.class);
        if (runtime != null && runtime.owner().equals(context.getUniqueId())) {
            store.remove(RUNTIME);
            runtime.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        FluxaTestRuntime runtime = runtime(context);
        if (runtime.cleanBeforeEach()) {
            runtime.clean();
        }
        Context testContext = context(context, runtime);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance, runtime.engine(), testContext);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Engine.class || type == Context.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        FluxaTestRuntime runtime = runtime(context);
        return parameter.getParameter().getType() == Engine.class ? runtime.engine() : context(context, runtime);
    }

    /**
     * One context per test (shared by the test method, its {@code @BeforeEach}/{@code @AfterEach}
     * methods and the fields), one per class for {@code @BeforeAll}/{@code @AfterAll} parameters.
     */
    private static Context context(ExtensionContext context, FluxaTestRuntime runtime) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        String key = CONTEXT + context.getUniqueId();
        Context existing = store.get(key, Context.class);
        if (existing != null) {
            return existing;
        }
        Context created = runtime.newContext();
        store.put(key, created);
        return created;
    }

    private static FluxaTestRuntime runtime(ExtensionContext context) {
        FluxaTestRuntime runtime = context.getStore(NAMESPACE).get(RUNTIME, FluxaTestRuntime.class);
        if (runtime == null) {
            throw new FluxaConfigException("no Fluxa engine for " + context.getDisplayName()
                    + ": register the extension on the test class with @FluxaTest, not on a method");
        }
        return runtime;
    }

    static FluxaTest settings(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<FluxaTest> found = AnnotationSupport.findAnnotation(c, FluxaTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new FluxaConfigException(testClass.getName() + " uses FluxaExtension without @FluxaTest; annotate "
                + "the class with @FluxaTest instead of @ExtendWith(FluxaExtension.class)");
    }

    /** Non-final instance fields of type Engine or Context, declared anywhere in the class hierarchy. */
    private static void inject(Object instance, Engine engine, Context context) {
        for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
                    continue;
                }
                if (field.getType() == Engine.class) {
                    set(field, instance, engine);
                } else if (field.getType() == Context.class) {
                    set(field, instance, context);
                }
            }
        }
    }

    /** Non-final static fields of type Engine, so {@code @BeforeAll} methods can use it. */
    private static void injectStatic(Class<?> testClass, Engine engine) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) && field.getType() == Engine.class) {
                    set(field, null, engine);
                }
            }
        }
    }

    private static void set(Field field, Object target, Object value) {
        try {
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new FluxaConfigException("cannot inject " + field.getType().getSimpleName() + " into field "
                    + field.getDeclaringClass().getName() + "." + field.getName() + ": " + e.getMessage(), e);
        }
    }
}
