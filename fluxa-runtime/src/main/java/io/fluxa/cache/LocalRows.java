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
        return cache.get(new RowKey(type.table(), id));
    }

    /**
     * Stores a row a flush wrote (an insert, or the "not found" of a delete), unless the cross-node
     * invalidation channel is down. Reads that started before it do not store what they loaded.
     */
    public static void set(LocalCache cache, EntityType type, long id, Object rowOrNotFound) {
        if (cache instanceof CaffeineLocalCache caffeine) {
            caffeine.fill(new RowKey(type.table(), id), rowOrNotFound, caffeine.changing());
        } else {
            cache.set(new RowKey(type.table(), id), rowOrNotFound);
        }
    }

    /**
     * Taken by a read before it looks at the lower tiers (Redis, MySQL); pass it to {@link #fill}.
     * While the cross-node invalidation channel is down it makes every fill a no-op.
     */
    public static long fillToken(LocalCache cache) {
        return cache instanceof CaffeineLocalCache caffeine ? caffeine.fillToken() : 0;
    }

    /**
     * Stores what a read loaded under {@code token}, unless another node invalidated rows of this
     * engine or the invalidation channel went down since the token was taken (see {@link RowGate}).
     */
    public static void fill(LocalCache cache, EntityType type, long id, Object rowOrNotFound, long token) {
        RowKey key = new RowKey(type.table(), id);
        if (cache instanceof CaffeineLocalCache caffeine) {
            caffeine.fill(key, rowOrNotFound, token);
        } else {
            cache.set(key, rowOrNotFound);
        }
    }

    /**
     * After a flush's Redis writes went out: moves the gate on and keeps the row only if it is still
     * {@code written} (what the flush stored), so a read that stored an older row in between loses it.
     */
    public static void settle(LocalCache cache, EntityType type, long id, Object written) {
        if (cache instanceof CaffeineLocalCache caffeine) {
            caffeine.changing();
            caffeine.keepOnly(new RowKey(type.table(), id), written);
        }
    }

    /** Drops a row a flush updated; reads that started before it do not store what they loaded. */
    public static void remove(LocalCache cache, EntityType type, long id) {
        if (cache instanceof CaffeineLocalCache caffeine) {
            caffeine.changing();
        }
        cache.remove(new RowKey(type.table(), id));
    }

    /** Drops every row (and "not found" marker) of {@code cache}, keeping other entries such as cache-aside values. */
    static void clearRows(CaffeineLocalCache cache) {
        cache.removeKeys(key -> key instanceof RowKey);
    }

    /** Removes a row by table name, as invalidations from other nodes name it. */
    static void remove(LocalCache cache, String table, long id) {
        cache.remove(new RowKey(table, id));
    }

    /**
     * Local cache key of one row: the entity's table (unique within an engine, as in the context
     * cache) and the id. Other nodes name invalidated rows the same way.
     */
    private record RowKey(String table, long id) {

        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey k && k.id == id && (k.table == table || k.table.equals(table));
        }

        @Override
        public int hashCode() {
            return table.hashCode() * 31 + Long.hashCode(id);
        }
    }
}
