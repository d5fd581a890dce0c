package io.fluxa.codegen;

import io.fluxa.schema.ClassDefinition;
import io.fluxa.schema.SchemaModel;

import java.util.List;

/**
 * Turns a validated schema model into Java sources and resources. Pure: no file system access,
 * deterministic (same input gives byte-identical output).
 */
public interface CodeGenerator {

    /**
     * @param model the validated entities
     * @param definitions the definition classes the model was built from (the generated model
     *     code may embed them to rebuild the schema at run time without reflection)
     * @param targetPackage the package of the generated classes, e.g. {@code com.acme.model.entities}
     */
    List<GeneratedFile> generate(SchemaModel model, List<ClassDefinition> definitions, String targetPackage);
}
