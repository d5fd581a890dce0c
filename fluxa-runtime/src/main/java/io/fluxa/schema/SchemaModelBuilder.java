package io.fluxa.schema;

import java.util.Collection;

/**
 * Turns definition classes into a validated {@link SchemaModel}. The single place where Fluxa
 * decides what a definition means; the code-generation plugin and the runtime both call it.
 */
public final class SchemaModelBuilder {

    private SchemaModelBuilder() {
    }

    /**
     * Builds and validates the model.
     *
     * @param classes every entity definition ({@code @FluxaEntity}) plus every class used by an
     *     {@code @Embedded} field; classes that are neither are ignored
     * @throws SchemaDefinitionException naming class, field, problem and fix on the first error
     */
    public static SchemaModel build(Collection<ClassDefinition> classes) {
        throw new IllegalStateException("SchemaModelBuilder is being written (issue 2)");
    }
}
