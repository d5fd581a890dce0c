package io.fluxa.schema;

import java.util.List;

/**
 * One MySQL column of an entity, fully resolved.
 *
 * @param name the MySQL column name, e.g. {@code ID}, {@code Name}, {@code HomeCity}, {@code Alias1}
 * @param fieldPath the Java path that produced it: {@code name}, {@code home.city}, {@code alias[0]}
 * @param javaType the declared Java type name of the leaf field ({@code byte}, {@code Integer},
 *     {@code String}, {@code Instant}, {@code LocalDateTime}, {@code byte[]}, {@code Reference} …)
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
}
