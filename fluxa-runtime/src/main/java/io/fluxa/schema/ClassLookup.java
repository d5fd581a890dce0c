package io.fluxa.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds definition classes by the type name written in a field: a qualified name, or a simple name
 * resolved first in the declaring class's package and then among all classes.
 */
final class ClassLookup {

    private final Map<String, ClassDefinition> byQualifiedName = new LinkedHashMap<>();
    private final Map<String, List<ClassDefinition>> bySimpleName = new HashMap<>();

    ClassLookup(Collection<ClassDefinition> classes) {
        for (ClassDefinition c : classes) {
            ClassDefinition previous = byQualifiedName.putIfAbsent(c.qualifiedName(), c);
            if (previous != null) {
                throw DefinitionSite.of(c).error("The class " + c.qualifiedName() + " was given twice.",
                        "Pass each definition class once.");
            }
            bySimpleName.computeIfAbsent(c.simpleName(), k -> new ArrayList<>()).add(c);
        }
    }

    Collection<ClassDefinition> all() {
        return byQualifiedName.values();
    }

    static boolean isEntity(ClassDefinition c) {
        return entityAnnotation(c) != null;
    }

    static AnnotationUse entityAnnotation(ClassDefinition c) {
        for (AnnotationUse a : c.annotations()) {
            if (EntityReader.simple(a.name()).equals("FluxaEntity")) {
                return a;
            }
        }
        return null;
    }

    /** The class a type name refers to, or null; ambiguous simple names are an error at {@code site}. */
    ClassDefinition find(String typeName, DefinitionSite site, String field) {
        ClassDefinition exact = byQualifiedName.get(typeName);
        if (exact != null) {
            return exact;
        }
        List<ClassDefinition> candidates = bySimpleName.getOrDefault(EntityReader.simple(typeName), List.of());
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        String declaringPackage = packageOf(site.className());
        for (ClassDefinition c : candidates) {
            if (c.packageName().equals(declaringPackage)) {
                return c;
            }
        }
        throw site.error("The type " + typeName + " matches several definition classes: "
                + candidates.stream().map(ClassDefinition::qualifiedName).toList() + ".",
                "Write the qualified class name in field `" + field + "`.");
    }

    ClassDefinition findQuietly(String typeName) {
        ClassDefinition exact = byQualifiedName.get(typeName);
        if (exact != null) {
            return exact;
        }
        List<ClassDefinition> candidates = bySimpleName.getOrDefault(EntityReader.simple(typeName), List.of());
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private String packageOf(String className) {
        ClassDefinition c = byQualifiedName.get(className);
        if (c == null) {
            List<ClassDefinition> bySimple = bySimpleName.getOrDefault(className, List.of());
            c = bySimple.size() == 1 ? bySimple.get(0) : null;
        }
        return c == null ? "" : c.packageName();
    }
}
