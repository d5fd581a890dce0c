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

    /**
     * The cached row, {@link ContextCache#NOT_FOUND}, or null. Allocates nothing: the lookup key is a
     * per-thread probe, filled for this call and never stored in the cache.
     */
    public static Object get(LocalCache cache, EntityType type, long id) {
        RowKey probe = PROBE.get();
        probe.type = type;
        probe.id = id;
        try {
            return cache.get(probe);
        } finally {
            probe.type = null;
        }
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

    private static final ThreadLocal<RowKey> PROBE = ThreadLocal.withInitial(() -> new RowKey(null, 0));

    /**
     * Local cache key of one row: the type (by identity) and the id. Keys stored in the cache are
     * never changed; only a thread's lookup probe is refilled per call.
     */
    private static final class RowKey {

        private EntityType type;
        private long id;

        RowKey(EntityType type, long id) {
            this.type = type;
            this.id = id;
        }

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
