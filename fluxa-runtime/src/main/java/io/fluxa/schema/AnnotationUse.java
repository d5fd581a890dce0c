package io.fluxa.schema;

import java.util.Map;

/**
 * One annotation as written on a definition class or field.
 *
 * @param name the annotation's simple name, e.g. {@code Length}, {@code FluxaEntity}
 * @param attributes attribute values by name; a single-value annotation uses the key {@code value}.
 *     Values are {@code String}, {@code Long}, {@code Double}, {@code Boolean}, or a
 *     {@code List} of those; an enum constant is given as its simple name (a {@code String}).
 */
public record AnnotationUse(String name, Map<String, Object> attributes) {

    public AnnotationUse {
        attributes = Map.copyOf(attributes);
    }

    public static AnnotationUse of(String name) {
        return new AnnotationUse(name, Map.of());
    }

    public static AnnotationUse of(String name, Map<String, Object> attributes) {
        return new AnnotationUse(name, attributes);
    }
}
