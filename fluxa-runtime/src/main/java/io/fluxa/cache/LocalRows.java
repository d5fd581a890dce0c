package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.row.EntityType;

import java.util.function.BooleanSupplier;

/**
 * The rows of entities with {@code @LocalCache} in their local cache pool: the decoded row array, or
 * {@link ContextCache#NOT_FOUND} for an id known to be absent.
 */
public final class LocalRows {

    private LocalRows() {
    }

    /** The local cache holding {@code type}'s rows in {@code context}'s engine, or null when it has none. */
    public static LocalCache of(Context context, EntityType type) {
        if (type.localPool() == null) {
            return null;
        }
        Engine engine = context.engine();
        // the engine that read this type last, and its cache: one read and one compare instead of two map lookups
        if (type.readMemo() instanceof Memo memo && memo.engine == engine) {
            return memo.cache;
        }
        LocalCache cache = engine.localCache(type.localPool()).forEntity(type.table());
        type.setReadMemo(new Memo(engine, cache));
        return cache;
    }

    /** An engine and the local cache it holds an entity type's rows in (engines compare by identity). */
    private record Memo(Engine engine, LocalCache cache) {
    }

    /**
     * The cached row, {@link ContextCache#NOT_FOUND}, or null. Allocates nothing: the lookup key is a
     * per-thread probe, filled for this call and never stored in the cache. Its table is written only
     * when it changes (a reference store costs a GC barrier), and it keeps that table between calls.
     */
    public static Object get(LocalCache cache, EntityType type, long id) {
        Probe probe = PROBE.get();
        String table = type.table();
        if (probe.table != table) {
            probe.table = table;
        }
        probe.id = id;
        return cache.get(probe);
    }

    /**
     * Stores what a read loaded from Redis or MySQL, unless a flush of this row finished since the
     * read noted {@code generation} ({@link RowGenerations#current}) before loading. The check and
     * the put are one atomic compute of the row's key, and a flush moves the generation and drops the
     * row inside a compute of the same key ({@link #invalidate}): the two never interleave. Either the
     * fill ran first, and the flush's invalidation removes its row, or the flush ran first, and the
     * fill finds the generation moved and stores nothing. So an older row is never visible once the
     * flush's invalidation returned, not even for an instant. Invalidations from other nodes go the
     * same way, and while the cross-node channel is down ({@link LocalCacheChannel}) nothing is
     * stored at all.
     */
    public static void fill(LocalCache cache, EntityType type, long id, Object rowOrNotFound, long generation) {
        fill(cache, type.table(), id, rowOrNotFound, generation, null);
    }

    static void fill(LocalCache cache, String table, long id, Object rowOrNotFound, long generation) {
        fill(cache, table, id, rowOrNotFound, generation, null);
    }

    /**
     * {@link #fill}; {@code pause} (tests only, may be null) runs inside the atomic section, after the
     * checks and before the put.
     */
    static void fill(LocalCache cache, String table, long id, Object rowOrNotFound, long generation, Runnable pause) {
        if (RowGenerations.current(table, id) != generation || !admitsRows(cache)) {
            return; // a flush finished since the read started: nothing to store (and nothing allocated)
        }
        RowKey key = new RowKey(table, id);
        if (!(cache instanceof CaffeineLocalCache caffeine)) {
            // another LocalCache implementation (none in the engine): put, then check, best effort
            cache.set(key, rowOrNotFound);
            if (RowGenerations.current(table, id) != generation) {
                cache.remove(key, rowOrNotFound);
            }
            return;
        }
        BooleanSupplier current = () -> RowGenerations.current(table, id) == generation && caffeine.admitsRows();
        BooleanSupplier admit = pause == null ? current : () -> {
            boolean admitted = current.getAsBoolean();
            pause.run();
            return admitted;
        };
        if (caffeine.putIf(key, rowOrNotFound, admit) && !current.getAsBoolean()) {
            // only dropping every row (clearRows) gets here: it does not pass through each key's compute
            caffeine.remove(key, rowOrNotFound);
        }
    }

    /** The row of {@code table} cached in {@code cache}, or null. */
    static Object get(LocalCache cache, String table, long id) {
        return cache.get(new RowKey(table, id));
    }

    private static boolean admitsRows(LocalCache cache) {
        return !(cache instanceof CaffeineLocalCache caffeine) || caffeine.admitsRows();
    }

    /**
     * After a flush wrote the row (and its Redis entry was invalidated, or queued for repair): moves
     * the row's generation on and drops the local copy, both inside one compute of the row's key (see
     * {@link #fill}); {@code cache} may be null (no local cache), the generation still moves for
     * {@link RowGenerations single-flight loads}.
     */
    public static void invalidate(LocalCache cache, EntityType type, long id) {
        remove(cache, type.table(), id);
    }

    /**
     * An immediate async flush wrote {@code rowOrNotFound} ({@link ContextCache#NOT_FOUND} for a delete)
     * through: moves the row's generation on and stores the new row, both inside one compute of the
     * row's key, so a fill that loaded the older row before finds the generation moved and stores
     * nothing, exactly as after {@link #invalidate}. {@code cache} may be null (only the generation moves).
     */
    public static void writeThrough(LocalCache cache, EntityType type, long id, Object rowOrNotFound) {
        String table = type.table();
        if (cache instanceof CaffeineLocalCache caffeine) {
            caffeine.putAfter(new RowKey(table, id), () -> RowGenerations.bump(table, id), rowOrNotFound);
            return;
        }
        RowGenerations.bump(table, id);
        if (cache != null) {
            cache.set(new RowKey(table, id), rowOrNotFound);
        }
    }

    /** Removes a row another node changed, by table name as its message names it; fills in flight lose. */
    static void remove(LocalCache cache, String table, long id) {
        if (cache instanceof CaffeineLocalCache caffeine) {
            caffeine.removeAfter(new RowKey(table, id), () -> RowGenerations.bump(table, id));
            return;
        }
        RowGenerations.bump(table, id);
        if (cache != null) {
            cache.remove(new RowKey(table, id));
        }
    }

    /**
     * Drops every row (and "not found" marker) of {@code cache}, keeping other entries such as
     * cache-aside values; every generation moves on, so no fill that started before lands after. (A
     * fill whose put runs while the keys are walked may be passed over; it finds the generation moved
     * after its put and takes its row back out.)
     */
    static void clearRows(CaffeineLocalCache cache) {
        RowGenerations.bumpAll();
        cache.removeKeys(key -> key instanceof RowKey);
    }

    private static final ThreadLocal<Probe> PROBE = ThreadLocal.withInitial(Probe::new);

    /**
     * Local cache key of one row: the entity's table (unique within an engine, as in the context
     * cache; other nodes name invalidated rows the same way) and the id. Keys stored in the cache are
     * never changed; only a thread's lookup probe is refilled per call.
     */
    private static class RowKey {

        String table;
        long id;

        RowKey(String table, long id) {
            this.table = table;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey k && k.id == id && (k.table == table || k.table.equals(table));
        }

        @Override
        public int hashCode() {
            return table.hashCode() * 31 + Long.hashCode(id);
        }
    }

    /**
     * A thread's lookup probe: a {@link RowKey} it rewrites on every local-cache read. The garbage
     * collector may copy the probes of all threads next to each other; without the padding behind
     * the fields the probes of several threads would then share a cache line, and every read of one
     * thread would invalidate that line in the other cores (false sharing). 120 bytes of padding keep
     * the written fields of two probes more than two cache lines apart.
     */
    @SuppressWarnings("unused")
    private static final class Probe extends RowKey {

        private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

        Probe() {
            super(null, 0);
        }
    }
}
