package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.row.EntityType;

/**
 * The rows of entities with {@code @LocalCache} in their local cache pool: the decoded row array, or
 * {@link ContextCache#NOT_FOUND} for an id known to be absent.
 */
public final class LocalRows {

    private LocalRows() {
    }

    /** The local cache holding {@code type}'s rows in {@code context}'s engine, or null when it has none. */
    public static LocalCache of(Context context, EntityType type) {
        return type.localPool() == null ? null : context.engine().localCache(type.localPool()).forEntity(type.table());
    }

    public static Object get(LocalCache cache, EntityType type, long id) {
        return cache.get(new RowKey(type, id));
    }

    public static void set(LocalCache cache, EntityType type, long id, Object rowOrNotFound) {
        cache.set(new RowKey(type, id), rowOrNotFound);
    }

    public static void remove(LocalCache cache, EntityType type, long id) {
        cache.remove(new RowKey(type, id));
    }

    /** Local cache key of one row: the type (by identity) and the id. */
    private record RowKey(EntityType type, long id) {

        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey k && k.type == type && k.id == id;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(type) * 31 + Long.hashCode(id);
        }
    }
}
