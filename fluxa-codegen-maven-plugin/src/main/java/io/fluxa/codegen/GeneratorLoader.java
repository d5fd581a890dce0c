package io.fluxa.codegen;

import java.lang.reflect.InvocationTargetException;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the {@link CodeGenerator}: the plugin's own JavaPoet generator, else a service entry. */
final class GeneratorLoader {

    static final String DEFAULT_GENERATOR = "io.fluxa.codegen.JavaPoetGenerator";

    private GeneratorLoader() {
    }

    static Optional<CodeGenerator> load(ClassLoader loader) {
        return load(loader, DEFAULT_GENERATOR);
    }

    static Optional<CodeGenerator> load(ClassLoader loader, String defaultGenerator) {
        try {
            Class<?> type = Class.forName(defaultGenerator, true, loader);
            return Optional.of((CodeGenerator) type.getConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            // Not built into this plugin: look for a registered one below.
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(defaultGenerator + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot create " + defaultGenerator + ": " + e.getCause(), e.getCause());
        }
        Iterator<CodeGenerator> found = ServiceLoader.load(CodeGenerator.class, loader).iterator();
        return found.hasNext() ? Optional.of(found.next()) : Optional.empty();
    }
}
