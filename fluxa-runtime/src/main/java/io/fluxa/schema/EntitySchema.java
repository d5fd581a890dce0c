package io.fluxa.schema;

import java.util.List;

/**
 * Everything Fluxa knows about one entity, resolved and validated. Immutable; built by
 * {@link SchemaModelBuilder}. The code-generation plugin and the runtime both read this, so they
 * cannot disagree on what an entity means.
 *
 * @param entityName the definition class's simple name, e.g. {@code User}
 * @param definitionClass the definition class's qualified name
 * @param table the MySQL table
 * @param mysqlPool the MySQL pool code
 * @param redisCache Redis row cache, or null when the entity is not cached in Redis
 * @param localCache local row cache, or null when the entity is not cached locally
 * @param columns every MySQL column, {@code ID} first, then in definition order
 * @param uniqueIndexes unique indexes, in declaration order
 * @param indexes non-unique indexes, in declaration order
 * @param dirtyStreams change-event streams
 * @param softDelete the entity has a {@code fakeDelete} column
 * @param createdAt the entity has a {@code createdAt} column maintained on insert
 * @param updatedAt the entity has an {@code updatedAt} column maintained on insert and update
 * @param stamp a short hash of the column layout; cached rows carry it so a changed definition
 *     never decodes bytes written under the old one
 */
public record EntitySchema(
        String entityName,
        String definitionClass,
        String table,
        String mysqlPool,
        RedisCacheSettings redisCache,
        LocalCacheSettings localCache,
        List<ColumnSchema> columns,
        List<UniqueIndexSchema> uniqueIndexes,
        List<IndexSchema> indexes,
        List<DirtyStreamSchema> dirtyStreams,
        boolean softDelete,
        boolean createdAt,
        boolean updatedAt,
        String stamp) {

    public EntitySchema {
        columns = List.copyOf(columns);
        uniqueIndexes = List.copyOf(uniqueIndexes);
        indexes = List.copyOf(indexes);
        dirtyStreams = List.copyOf(dirtyStreams);
    }

    /** The column with this MySQL name, or null. */
    public ColumnSchema column(String name) {
        for (ColumnSchema c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    public boolean searchable() {
        for (ColumnSchema c : columns) {
            if (c.searchable()) {
                return true;
            }
        }
        return false;
    }
}
