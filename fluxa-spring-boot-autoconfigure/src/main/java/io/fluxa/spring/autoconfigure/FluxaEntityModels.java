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

    /**
     * The provider of class {@code type} among these models' {@link EntityModel#providers()}. The
     * provider beans are created through this method (a factory method Spring AOT can generate code
     * for).
     *
     * @throws IllegalStateException when no model here has a provider of that class
     */
    public <T> T provider(Class<T> type) {
        for (EntityModel model : models) {
            for (Object provider : model.providers()) {
                if (provider.getClass() == type) {
                    return type.cast(provider);
                }
            }
        }
        throw new IllegalStateException("No Fluxa entity model of the FluxaEntityModels bean has a provider of type "
                + type.getName() + ": add its generated model to that bean, or declare a bean of type "
                + type.getSimpleName() + " yourself");
    }

    /** Every model {@link ServiceLoader} finds through {@code classLoader}. */
    public static FluxaEntityModels load(ClassLoader classLoader) {
        List<EntityModel> found = new ArrayList<>();
        ServiceLoader.load(EntityModel.class, classLoader).forEach(found::add);
        found.sort(Comparator.comparing(m -> m.getClass().getName()));
        return new FluxaEntityModels(found);
    }
}
