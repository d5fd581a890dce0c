package io.fluxa.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads annotation attribute values as a source reader delivers them ({@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code List}), turning a wrong value type into a definition error.
 */
final class Attributes {

    private final AnnotationUse annotation;
    private final DefinitionSite site;

    Attributes(AnnotationUse annotation, DefinitionSite site) {
        this.annotation = annotation;
        this.site = site;
    }

    Object raw(String key) {
        return annotation.attributes().get(key);
    }

    String string(String key, String defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrongType(key, "a string", v);
    }

    int integer(String key, int defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw wrongType(key, "an int", v);
            }
            return (int) l;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
            return d.intValue();
        }
        throw wrongType(key, "an int", v);
    }

    boolean bool(String key, boolean defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "true or false", v);
    }

    /** A {@code String[]} attribute; Java allows a single value without braces, so a plain String counts as one element. */
    List<String> strings(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw wrongType(key, "a list of strings", v);
                }
                out.add(s);
            }
            return out;
        }
        throw wrongType(key, "a list of strings", v);
    }

    private SchemaDefinitionException wrongType(String key, String expected, Object actual) {
        return site.error("@" + annotation.name() + "(" + key + " = " + actual + ") is not " + expected + ".",
                "Write " + key + " as " + expected + " literal.");
    }
}
