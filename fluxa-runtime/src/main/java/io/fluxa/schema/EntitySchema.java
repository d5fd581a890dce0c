package io.fluxa.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything Fluxa knows about one entity, resolved and validated. Immutable; built by
 * {@link SchemaModelBuilder}. The code-generation plugin and the runtime both read this, so they
 * cannot disagree on what an entity means. Generated code writes it with {@link #builder}, one named
 * call per setting and one {@link ColumnSchema} per line; the builder derives the stamp.
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

    /**
     * Starts an entity schema: table {@code table}, MySQL pool {@code default}, no caches, no columns
     * yet ({@link Builder#column} adds them in order, {@code ID} first).
     */
    public static Builder builder(String entityName, String definitionClass, String table) {
        return new Builder(entityName, definitionClass, table);
    }

    /** Named, ordered construction of an {@link EntitySchema}; see {@link #builder}. */
    public static final class Builder {
        private final String entityName;
        private final String definitionClass;
        private final String table;
        private String mysqlPool = "default";
        private RedisCacheSettings redisCache;
        private LocalCacheSettings localCache;
        private final List<ColumnSchema> columns = new ArrayList<>();
        private final List<UniqueIndexSchema> uniqueIndexes = new ArrayList<>();
        private final List<IndexSchema> indexes = new ArrayList<>();
        private final List<DirtyStreamSchema> dirtyStreams = new ArrayList<>();
        private boolean softDelete;
        private boolean createdAt;
        private boolean updatedAt;

        private Builder(String entityName, String definitionClass, String table) {
            this.entityName = entityName;
            this.definitionClass = definitionClass;
            this.table = table;
        }

        /** The MySQL pool holding the table (default {@code default}). */
        public Builder mysqlPool(String pool) {
            this.mysqlPool = pool;
            return this;
        }

        /** Rows are cached in Redis pool {@code pool}; {@code ttlSeconds} 0 means no expiry. */
        public Builder redisCache(String pool, int ttlSeconds) {
            this.redisCache = new RedisCacheSettings(pool, ttlSeconds);
            return this;
        }

        /** Rows are cached in local cache pool {@code pool}, at most {@code size} rows (0 = unlimited). */
        public Builder localCache(String pool, int size) {
            this.localCache = new LocalCacheSettings(pool, size);
            return this;
        }

        /** Adds the next column. */
        public Builder column(ColumnSchema column) {
            columns.add(column);
            return this;
        }

        /** Adds a unique index over {@code columnNames} (in index order); cached ones are resolved through Redis. */
        public Builder uniqueIndex(String name, boolean cached, String... columnNames) {
            uniqueIndexes.add(new UniqueIndexSchema(name, List.of(columnNames), cached));
            return this;
        }

        /** Adds a non-unique index over {@code columnNames} (in index order). */
        public Builder index(String name, String... columnNames) {
            indexes.add(new IndexSchema(name, List.of(columnNames)));
            return this;
        }

        /** Adds a change-event stream; {@code ops} holds any of {@code I}, {@code U}, {@code D}. */
        public Builder dirtyStream(String name, String redisPool, String ops, String... triggerColumns) {
            dirtyStreams.add(new DirtyStreamSchema(name, redisPool, ops, List.of(triggerColumns)));
            return this;
        }

        /** The entity has a {@code fakeDelete} column: deleting marks the row instead of removing it. */
        public Builder softDelete() {
            this.softDelete = true;
            return this;
        }

        /** The entity has a {@code createdAt} column maintained on insert. */
        public Builder createdAt() {
            this.createdAt = true;
            return this;
        }

        /** The entity has an {@code updatedAt} column maintained on insert and update. */
        public Builder updatedAt() {
            this.updatedAt = true;
            return this;
        }

        /** The schema, its stamp derived from the table and columns exactly as the schema builder does. */
        public EntitySchema build() {
            return new EntitySchema(entityName, definitionClass, table, mysqlPool, redisCache, localCache, columns,
                    uniqueIndexes, indexes, dirtyStreams, softDelete, createdAt, updatedAt,
                    SchemaModelBuilder.stamp(table, columns));
        }
    }
}
