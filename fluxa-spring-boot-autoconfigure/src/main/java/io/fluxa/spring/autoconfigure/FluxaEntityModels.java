package io.fluxa.spring.autoconfigure;

import io.fluxa.EntityModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The generated entity models the engine registers. By default every {@link EntityModel} listed in
 * {@code META-INF/services/io.fluxa.EntityModel} on the class path (the code-generation plugin
 * writes that file). Declare a bean of this type to choose the models yourself.
 *
 * @param models the models, in a stable order (by class name)
 */
public record FluxaEntityModels(List<EntityModel> models) {

    public FluxaEntityModels {
        models = List.copyOf(models);
    }

    /** Every model {@link ServiceLoader} finds through {@code classLoader}. */
    public static FluxaEntityModels load(ClassLoader classLoader) {
        List<EntityModel> found = new ArrayList<>();
        ServiceLoader.load(EntityModel.class, classLoader).forEach(found::add);
        found.sort(Comparator.comparing(m -> m.getClass().getName()));
        return new FluxaEntityModels(found);
    }
}
