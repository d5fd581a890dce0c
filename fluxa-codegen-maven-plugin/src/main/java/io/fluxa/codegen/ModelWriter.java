package io.fluxa.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.fluxa.EntityModel;
import io.fluxa.schema.EntitySchema;

import javax.lang.model.element.Modifier;
import java.util.List;

import static io.fluxa.codegen.RuntimeTypes.ENTITY_MODEL;
import static io.fluxa.codegen.RuntimeTypes.LIST;
import static io.fluxa.codegen.RuntimeTypes.SCHEMA_MODEL;

/** Writes the project's {@code FluxaModel} and the ServiceLoader file that names it. */
final class ModelWriter {

    /** Where {@link java.util.ServiceLoader} looks for the model. */
    static final String SERVICE_FILE = "META-INF/services/" + EntityModel.class.getName();

    private ModelWriter() {
    }

    static TypeSpec modelType(List<EntitySchema> entities, GeneratedNames names) {
        CodeBlock.Builder schemas = CodeBlock.builder().add("new $T($T.of(\n$>$>", SCHEMA_MODEL, LIST);
        // a statement indents its continuation lines itself
        CodeBlock.Builder providers = CodeBlock.builder().add("$T.of(\n", LIST);
        for (int i = 0; i < entities.size(); i++) {
            ClassName provider = names.provider(entities.get(i).entityName());
            String separator = i + 1 < entities.size() ? ",\n" : "";
            schemas.add("$T.SCHEMA$L", provider, separator);
            providers.add("$T.INSTANCE$L", provider, separator);
        }
        schemas.add("))$<$<");
        providers.add(")");
        return TypeSpec.classBuilder(names.model())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ENTITY_MODEL)
                .addJavadoc("Every generated entity of this project. Found by {@link java.util.ServiceLoader} "
                        + "through\n{@code $L}; register it with {@code Registry.registerModel}.\n", SERVICE_FILE)
                .addField(FieldSpec.builder(SCHEMA_MODEL, "SCHEMA", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(schemas.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build())
                .addMethod(MethodSpec.methodBuilder("schema")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(SCHEMA_MODEL)
                        .addStatement("return SCHEMA")
                        .build())
                .addMethod(MethodSpec.methodBuilder("providers")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(LIST, ClassName.OBJECT))
                        .addStatement("return $L", providers.build())
                        .build())
                .build();
    }

    static String serviceFileContent(GeneratedNames names) {
        return names.model().canonicalName() + "\n";
    }
}
