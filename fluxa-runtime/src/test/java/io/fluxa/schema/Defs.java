package io.fluxa.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for definition classes in tests, shaped like what the source reader produces. */
final class Defs {

    private Defs() {
    }

    static ClassBuilder entity(String qualifiedName, AnnotationUse... annotations) {
        return entityWithoutId(qualifiedName, annotations).field("id", "long");
    }

    static ClassBuilder entityWithoutId(String qualifiedName, AnnotationUse... annotations) {
        ClassBuilder b = new ClassBuilder(qualifiedName);
        if (List.of(annotations).stream().noneMatch(x -> x.name().equals("FluxaEntity"))) {
            b.annotations.add(AnnotationUse.of("FluxaEntity"));
        }
        b.annotations.addAll(List.of(annotations));
        return b;
    }

    static ClassBuilder plain(String qualifiedName) {
        return new ClassBuilder(qualifiedName);
    }

    static AnnotationUse a(String name, Object... keyValues) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.put((String) keyValues[i], normalize(keyValues[i + 1]));
        }
        return AnnotationUse.of(name, attributes);
    }

    private static Object normalize(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof String[] array) {
            return List.of(array);
        }
        return v;
    }

    static TypeRef type(String name) {
        if (name.endsWith("[]")) {
            return TypeRef.array(name.substring(0, name.length() - 2));
        }
        int lt = name.indexOf('<');
        if (lt > 0) {
            return TypeRef.generic(name.substring(0, lt), TypeRef.of(name.substring(lt + 1, name.length() - 1)));
        }
        return TypeRef.of(name);
    }

    static final class ClassBuilder {
        private final String qualifiedName;
        private final List<AnnotationUse> annotations = new ArrayList<>();
        private final List<FieldDefinition> fields = new ArrayList<>();

        ClassBuilder(String qualifiedName) {
            this.qualifiedName = qualifiedName;
        }

        ClassBuilder field(String name, String type, AnnotationUse... annotations) {
            fields.add(new FieldDefinition(name, type(type), List.of(annotations),
                    new SourcePosition(qualifiedName.replace('.', '/') + ".java", 10 + fields.size())));
            return this;
        }

        ClassBuilder annotate(AnnotationUse annotation) {
            annotations.add(annotation);
            return this;
        }

        ClassDefinition build() {
            return new ClassDefinition(qualifiedName, annotations, fields,
                    new SourcePosition(qualifiedName.replace('.', '/') + ".java", 3));
        }
    }
}
