package io.fluxa;

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

    /**
     * The single instance of every generated provider of this model (e.g. {@code UserProvider}),
     * in entity-name order. Frameworks expose them as-is: the Spring Boot auto-configuration
     * registers each one as a bean of its own class, so applications inject providers by type.
     * Providers are stateless and engine-independent, so this needs no {@link Engine}.
     */
    default List<Object> providers() {
        return List.of();
    }
}
