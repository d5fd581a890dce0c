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

    /**
     * Stores what a read loaded from Redis or MySQL, unless a flush of this row finished since the
     * read noted {@code generation} ({@link RowGenerations#current}) before loading: the row is put,
     * then the generation checked again and the row taken back out when it moved. A flush bumps the
     * generation before it removes the row, so whichever of the two runs last, an older row never
     * stays.
     */
    public static void fill(LocalCache cache, EntityType type, long id, Object rowOrNotFound, long generation) {
        if (RowGenerations.current(type, id) != generation) {
            return;
        }
        RowKey key = new RowKey(type, id);
        cache.set(key, rowOrNotFound);
        if (RowGenerations.current(type, id) != generation) {
            cache.remove(key, rowOrNotFound);
        }
    }

    /**
     * After a flush wrote the row (and its Redis entry was invalidated, or queued for repair): moves
     * the row's generation on and drops the local copy; {@code cache} may be null (no local cache),
     * the generation still moves for {@link RowGenerations single-flight loads}.
     */
    public static void invalidate(LocalCache cache, EntityType type, long id) {
        RowGenerations.bump(type, id);
        if (cache != null) {
            cache.remove(new RowKey(type, id));
        }
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
