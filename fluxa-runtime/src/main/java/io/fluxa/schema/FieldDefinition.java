package io.fluxa.schema;

import java.util.List;

/** One field of a definition class, as written (before any interpretation). */
public record FieldDefinition(String name, TypeRef type, List<AnnotationUse> annotations, SourcePosition position) {

    public FieldDefinition {
        annotations = List.copyOf(annotations);
    }
}
