package io.fluxa.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.fluxa.schema.DirtyStreamSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.SchemaDefinitionException;
import io.fluxa.schema.SourcePosition;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.fluxa.codegen.RuntimeTypes.STRING;

/**
 * Writes {@code DirtyStreamNames}: one {@code String} constant per dirty stream the entities declare
 * ({@code @DirtyStream(name = "ProductEvents")} → {@code PRODUCT_EVENTS = "ProductEvents"}), so code
 * and annotations such as {@code @FluxaStreamListener(stream = DirtyStreamNames.PRODUCT_EVENTS)} name
 * streams without string literals. Nothing is written when no entity declares a dirty stream.
 */
final class DirtyStreamNamesWriter {

    static final String CLASS_NAME = "DirtyStreamNames";

    private DirtyStreamNamesWriter() {
    }

    /** The class, or null when no entity declares a dirty stream. */
    static TypeSpec dirtyStreamNamesType(List<EntitySchema> entities, GeneratedNames names) {
        Map<String, List<String>> streams = new TreeMap<>(); // stream name → "Entity (ops)", in name order
        Map<String, EntitySchema> declaredBy = new TreeMap<>();
        for (EntitySchema entity : entities) {
            for (DirtyStreamSchema stream : entity.dirtyStreams()) {
                streams.computeIfAbsent(stream.name(), s -> new ArrayList<>()).add("{@code " + entity.entityName()
                        + "} (ops {@code " + stream.ops() + "})");
                declaredBy.putIfAbsent(stream.name(), entity);
            }
        }
        if (streams.isEmpty()) {
            return null;
        }
        TypeSpec.Builder type = TypeSpec.classBuilder(ClassName.get(names.targetPackage, CLASS_NAME))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("The dirty streams of this project's entities ({@code @DirtyStream}), one constant per "
                        + "stream name.\n");
        Map<String, String> constants = new TreeMap<>();
        for (Map.Entry<String, List<String>> stream : streams.entrySet()) {
            String constant = GeneratedNames.columnConstant(stream.getKey());
            String clash = constants.putIfAbsent(constant, stream.getKey());
            if (clash != null) {
                throw new SchemaDefinitionException(declaredBy.get(stream.getKey()).definitionClass(), null,
                        "Dirty streams '" + clash + "' and '" + stream.getKey() + "' would generate the same constant "
                                + CLASS_NAME + "." + constant + ".",
                        "Rename one of the streams.", SourcePosition.UNKNOWN);
            }
            type.addField(FieldSpec.builder(STRING, constant, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Changes of $L.\n", String.join(", ", stream.getValue()))
                    .initializer("$S", stream.getKey())
                    .build());
        }
        return type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build()).build();
    }
}
