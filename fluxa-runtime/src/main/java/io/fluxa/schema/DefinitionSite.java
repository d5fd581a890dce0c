package io.fluxa.schema;

/**
 * Where a definition error is reported: the class that declares the element, the field (null for
 * class-level problems), the path from the entity when the field sits in an embedded class, and the
 * source position.
 */
record DefinitionSite(String className, String field, String embeddedPath, SourcePosition position) {

    static DefinitionSite of(ClassDefinition c) {
        return new DefinitionSite(c.simpleName(), null, null, c.position());
    }

    DefinitionSite field(FieldDefinition f, String pathFromEntity) {
        return new DefinitionSite(className, f.name(), pathFromEntity, f.position());
    }

    SchemaDefinitionException error(String problem, String fix) {
        String context = embeddedPath == null ? "" : "(embedded as " + embeddedPath + ") ";
        return new SchemaDefinitionException(className, field, context + problem, fix, position);
    }
}
