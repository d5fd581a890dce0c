package io.fluxa.schema;

import java.util.List;

/** A column while the model is being built: enum values and reference targets are resolved later. */
final class ColumnDraft {

    final String name;
    final String fieldPath;
    final String javaType;
    final ColumnKind kind;
    final DefinitionSite site;
    boolean nullable;
    boolean unsigned;
    int length;
    int precision;
    int scale;
    /** blob, mediumblob or longblob for {@link ColumnKind#BINARY}. */
    String blobType;
    /** Values as declared on this field; empty when the field reuses a shared enum by name. */
    List<String> values = List.of();
    String enumName;
    /** The type argument of {@code Reference<X>} as written. */
    String referenceTarget;
    String referencedEntity;
    boolean searchable;
    boolean sortable;

    ColumnDraft(String name, String fieldPath, String javaType, ColumnKind kind, DefinitionSite site) {
        this.name = name;
        this.fieldPath = fieldPath;
        this.javaType = javaType;
        this.kind = kind;
        this.site = site;
    }

    String sqlType() {
        return kind == ColumnKind.BINARY ? blobType
                : ColumnSchema.sqlTypeOf(kind, unsigned, length, precision, scale, values);
    }

    ColumnSchema toSchema() {
        return new ColumnSchema(name, fieldPath, javaType, kind, sqlType(), nullable, unsigned, length, precision,
                scale, values, enumName, referencedEntity, searchable, sortable);
    }
}
