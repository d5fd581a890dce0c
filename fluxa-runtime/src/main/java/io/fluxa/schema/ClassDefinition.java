package io.fluxa.schema;

import java.util.List;

/**
 * A definition class as written: an entity (annotated {@code @FluxaEntity}) or a class used by an
 * {@code @Embedded} field. Produced by the code-generation plugin's source reader or by hand.
 *
 * @param qualifiedName e.g. {@code com.acme.model.User}
 */
public record ClassDefinition(String qualifiedName, List<AnnotationUse> annotations, List<FieldDefinition> fields,
        SourcePosition position) {

    public ClassDefinition {
        annotations = List.copyOf(annotations);
        fields = List.copyOf(fields);
    }

    public String simpleName() {
        int dot = qualifiedName.lastIndexOf('.');
        return dot < 0 ? qualifiedName : qualifiedName.substring(dot + 1);
    }

    public String packageName() {
        int dot = qualifiedName.lastIndexOf('.');
        return dot < 0 ? "" : qualifiedName.substring(0, dot);
    }
}
