package io.fluxa;

import io.fluxa.orm.EntityProvider;
import io.fluxa.schema.SchemaModel;

import java.util.List;

/**
 * A set of generated entities. The code-generation plugin writes one implementation per project
 * ({@code FluxaModel}) and lists it in {@code META-INF/services/io.fluxa.EntityModel}, so the
 * runtime and Spring find every entity through {@link java.util.ServiceLoader} without classpath
 * scanning or reflection.
 */
public interface EntityModel {

    /** The validated schemas of every entity of this model. */
    SchemaModel schema();

    /** The provider of every entity of this model (one stateless instance each), sorted by entity name. */
    default List<EntityProvider<?>> providers() {
        return List.of();
    }
}
