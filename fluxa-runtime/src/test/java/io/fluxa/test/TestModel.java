package io.fluxa.test;

import io.fluxa.EntityModel;
import io.fluxa.schema.AnnotationUse;
import io.fluxa.schema.ClassDefinition;
import io.fluxa.schema.FieldDefinition;
import io.fluxa.schema.SchemaModel;
import io.fluxa.schema.SchemaModelBuilder;
import io.fluxa.schema.SourcePosition;
import io.fluxa.schema.TypeRef;

import java.util.List;
import java.util.Map;

/**
 * A hand-built model for the extension's tests (what the code generator would produce for three
 * definitions): {@code ts_items} cached in Redis and locally, {@code ts_lines} referencing items
 * (a foreign key), and {@code ts_audit} in MySQL pool {@code audit}. Listed in
 * META-INF/services/io.fluxa.EntityModel of the test class path.
 */
public final class TestModel implements EntityModel {

    private static final SchemaModel SCHEMA = SchemaModelBuilder.build(List.of(
            entity("ts.Item", List.of(AnnotationUse.of("FluxaEntity", Map.of("table", "ts_items")),
                    AnnotationUse.of("RedisCache"), AnnotationUse.of("LocalCache")),
                    field("name", TypeRef.of("String"))),
            entity("ts.Line", List.of(AnnotationUse.of("FluxaEntity", Map.of("table", "ts_lines"))),
                    field("item", TypeRef.generic("Reference", TypeRef.of("Item"))),
                    field("quantity", TypeRef.of("int"))),
            entity("ts.AuditEntry", List.of(AnnotationUse.of("FluxaEntity",
                    Map.of("table", "ts_audit", "mysqlPool", "audit"))),
                    field("text", TypeRef.of("String")))));

    @Override
    public SchemaModel schema() {
        return SCHEMA;
    }

    private static ClassDefinition entity(String name, List<AnnotationUse> annotations, FieldDefinition... fields) {
        List<FieldDefinition> all = new java.util.ArrayList<>();
        all.add(field("id", TypeRef.of("long")));
        all.addAll(List.of(fields));
        return new ClassDefinition(name, annotations, all, SourcePosition.UNKNOWN);
    }

    private static FieldDefinition field(String name, TypeRef type) {
        return new FieldDefinition(name, type, List.of(), SourcePosition.UNKNOWN);
    }
}
