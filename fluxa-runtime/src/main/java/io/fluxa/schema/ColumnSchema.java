package io.fluxa.schema;

import java.util.List;

/**
 * One MySQL column of an entity, fully resolved.
 *
 * <p>Generated code builds columns with named calls instead of the positional constructor, one
 * column per line: {@code ColumnSchema.of("Price", "price", "BigDecimal", ColumnKind.DECIMAL)
 * .decimal(10, 2).unsigned(true)}. {@link #of} starts a NOT NULL column with no attributes; each named
 * call returns a copy with one attribute set and the SQL type derived again, so the SQL type is
 * computed in one place ({@link #sqlTypeOf}) for the schema builder and generated code alike.
 *
 * @param name the MySQL column name, e.g. {@code ID}, {@code Name}, {@code HomeCity}, {@code Alias1}
 * @param fieldPath the Java path that produced it: {@code name}, {@code home.city}, {@code alias[0]}
 * @param javaType the declared Java type name of the leaf field ({@code byte}, {@code Integer},
 *     {@code String}, {@code BigDecimal}, {@code Instant}, {@code LocalDateTime}, {@code byte[]},
 *     {@code Reference} …)
 * @param kind what the column holds
 * @param sqlType the exact MySQL column type as information_schema reports it, lower case, e.g.
 *     {@code tinyint(3) unsigned} is reported without display width on MySQL 8, so this holds the
 *     canonical form without width: {@code tinyint unsigned}, {@code varchar(200)},
 *     {@code enum('active','banned')}, {@code decimal(10,2)}
 * @param nullable whether the column is NULL-able
 * @param unsigned integer/decimal/float unsigned flag
 * @param length characters for {@link ColumnKind#STRING}; 0 otherwise
 * @param precision decimal precision, 0 otherwise
 * @param scale decimal scale, 0 otherwise
 * @param values allowed values for {@link ColumnKind#ENUM} and {@link ColumnKind#SET}, in declared order
 * @param enumName the shared enum/set name (becomes the generated Java enum's name), null otherwise
 * @param referencedEntity entity name of a {@link ColumnKind#REFERENCE}, null otherwise
 * @param searchable indexed for Redis search
 * @param sortable sortable in Redis search
 */
public record ColumnSchema(
        String name,
        String fieldPath,
        String javaType,
        ColumnKind kind,
        String sqlType,
        boolean nullable,
        boolean unsigned,
        int length,
        int precision,
        int scale,
        List<String> values,
        String enumName,
        String referencedEntity,
        boolean searchable,
        boolean sortable) {

    public ColumnSchema {
        values = List.copyOf(values);
    }

    /** The {@code ID} primary key column: {@code bigint unsigned}, from the field {@code long id}. */
    public static ColumnSchema id() {
        return of("ID", "id", "long", ColumnKind.ID);
    }

    /**
     * A NOT NULL column of {@code kind} with no further attributes; a string column starts at length
     * 0, a binary one as {@code blob}. Chain the named calls below to complete it.
     */
    public static ColumnSchema of(String name, String fieldPath, String javaType, ColumnKind kind) {
        return derive(name, fieldPath, javaType, kind, null, false, kind == ColumnKind.ID, 0, 0, 0, List.of(), null,
                null, false, false);
    }

    /** A copy in which NULL is allowed when {@code nullableFlag} is true. */
    public ColumnSchema nullable(boolean nullableFlag) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullableFlag, unsigned, length, precision, scale,
                values, enumName, referencedEntity, searchable, sortable);
    }

    /** A copy with the {@code unsigned} flag (integers, floats, decimals) set to {@code unsignedFlag}. */
    public ColumnSchema unsigned(boolean unsignedFlag) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullable, unsignedFlag, length, precision, scale,
                values, enumName, referencedEntity, searchable, sortable);
    }

    /** A copy of a {@link ColumnKind#STRING} column holding at most {@code characters}. */
    public ColumnSchema length(int characters) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullable, unsigned, characters, precision, scale,
                values, enumName, referencedEntity, searchable, sortable);
    }

    /** A copy of a {@link ColumnKind#DECIMAL} column with {@code precision} digits, {@code scale} after the point. */
    public ColumnSchema decimal(int digits, int fractionDigits) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullable, unsigned, length, digits, fractionDigits,
                values, enumName, referencedEntity, searchable, sortable);
    }

    /** A copy of a {@link ColumnKind#BINARY} column stored as {@code blobType} ({@code mediumblob} …). */
    public ColumnSchema blob(String blobType) {
        return new ColumnSchema(name, fieldPath, javaType, kind, blobType, nullable, unsigned, length, precision,
                scale, values, enumName, referencedEntity, searchable, sortable);
    }

    /** A copy of an enum or set column allowing {@code allowed}, in declared order. */
    public ColumnSchema values(String... allowed) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullable, unsigned, length, precision, scale,
                List.of(allowed), enumName, referencedEntity, searchable, sortable);
    }

    /** A copy of an enum or set column whose Java enum is named {@code javaEnum}. */
    public ColumnSchema enumName(String javaEnum) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullable, unsigned, length, precision, scale, values,
                javaEnum, referencedEntity, searchable, sortable);
    }

    /** A copy of a reference column pointing at entity {@code entityName}. */
    public ColumnSchema references(String entityName) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullable, unsigned, length, precision, scale, values,
                enumName, entityName, searchable, sortable);
    }

    /** A copy in which the column is indexed for Redis search when {@code searchableFlag} is true. */
    public ColumnSchema searchable(boolean searchableFlag) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullable, unsigned, length, precision, scale, values,
                enumName, referencedEntity, searchableFlag, sortable);
    }

    /** A copy in which the column is sortable in Redis search when {@code sortableFlag} is true. */
    public ColumnSchema sortable(boolean sortableFlag) {
        return derive(name, fieldPath, javaType, kind, sqlType, nullable, unsigned, length, precision, scale, values,
                enumName, referencedEntity, searchable, sortableFlag);
    }

    private static ColumnSchema derive(String name, String fieldPath, String javaType, ColumnKind kind,
            String sqlType, boolean nullable, boolean unsigned, int length, int precision, int scale,
            List<String> values, String enumName, String referencedEntity, boolean searchable, boolean sortable) {
        String derived = kind == ColumnKind.BINARY
                ? (sqlType == null ? "blob" : sqlType)
                : sqlTypeOf(kind, unsigned, length, precision, scale, values);
        return new ColumnSchema(name, fieldPath, javaType, kind, derived, nullable, unsigned, length, precision, scale,
                values, enumName, referencedEntity, searchable, sortable);
    }

    /** The canonical MySQL type of a column of {@code kind} (not {@link ColumnKind#BINARY}: that is the blob type). */
    static String sqlTypeOf(ColumnKind kind, boolean unsigned, int length, int precision, int scale,
            List<String> values) {
        return switch (kind) {
            case ID, REFERENCE -> "bigint unsigned";
            case BOOLEAN -> "tinyint(1)";
            case INT8, INT16, INT24, INT32, INT64 -> SqlTypes.integer(kind, unsigned);
            case FLOAT32 -> unsigned ? "float unsigned" : "float";
            case FLOAT64 -> unsigned ? "double unsigned" : "double";
            case DECIMAL -> "decimal(" + precision + "," + scale + ")" + (unsigned ? " unsigned" : "");
            case STRING -> "varchar(" + length + ")";
            case TEXT -> "mediumtext";
            case DATE -> "date";
            case DATETIME -> "datetime";
            case BINARY -> "blob";
            case ENUM -> SqlTypes.quotedList("enum", values);
            case SET -> SqlTypes.quotedList("set", values);
        };
    }
}
