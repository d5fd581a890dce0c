package io.fluxa.schema;

import java.util.List;

/**
 * A Java type as written in an entity definition, independent of how it was read (source parser,
 * programmatic builder).
 *
 * @param name the type name as written, simple or qualified: {@code long}, {@code Integer},
 *     {@code String}, {@code java.time.Instant}, {@code Reference}, {@code Address}
 * @param arguments generic arguments, e.g. {@code Reference<Category>} has one argument {@code Category}
 * @param arrayDimensions 1 for {@code byte[]}, 0 for non-arrays
 */
public record TypeRef(String name, List<TypeRef> arguments, int arrayDimensions) {

    public TypeRef {
        arguments = List.copyOf(arguments);
    }

    public static TypeRef of(String name) {
        return new TypeRef(name, List.of(), 0);
    }

    public static TypeRef generic(String name, TypeRef... arguments) {
        return new TypeRef(name, List.of(arguments), 0);
    }

    public static TypeRef array(String name) {
        return new TypeRef(name, List.of(), 1);
    }

    /** The simple name, without a package prefix. */
    public String simpleName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name);
        if (!arguments.isEmpty()) {
            b.append('<');
            for (int i = 0; i < arguments.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(arguments.get(i));
            }
            b.append('>');
        }
        b.append("[]".repeat(arrayDimensions));
        return b.toString();
    }
}
