package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.row.EntityType;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
        type.setReadMemo(new Memo(engine, cache, tableBits(type.table())));
        return cache;
    }

    /**
     * An engine and the local cache it holds an entity type's rows in (engines compare by identity),
     * and the type's table bits for {@link #key} (0: none, the key is a {@link RowKey}).
     */
    private record Memo(Engine engine, LocalCache cache, long tableBits) {
    }

    /** Ids below 2<sup>47</sup> fit in a {@link PackedKey} next to their table's number. */
    private static final int PACKED_ID_BITS = 47;
    /** Table numbers fit in the 16 bits above the id. */
    private static final int MAX_TABLE_NUMBER = (1 << 16) - 1;
    private static final ConcurrentHashMap<String, Long> TABLE_BITS = new ConcurrentHashMap<>();
    private static final AtomicInteger TABLE_NUMBERS = new AtomicInteger();

    /**
     * The local-cache key of a row, the same for every get, fill, write-through and removal of it:
     * for an id in [0, 2<sup>47</sup>) of one of the first 65 536 table names this JVM sees, a
     * {@link PackedKey} holding the sign bit, the table's number (bits 47–62) and the id; else a
     * {@link RowKey}. The choice depends on the table and the id alone, and a table keeps its number
     * for the life of the JVM. Both classes belong to this package, so no key of the application's
     * in the same pool can equal them.
     */
    static Object key(LocalCache cache, String table, long id) {
        if (id >>> PACKED_ID_BITS == 0) {
            long bits = tableBits(table);
            if (bits != 0) {
                return new PackedKey(bits | id);
            }
        }
        return new RowKey(table, id);
    }

    /** {@code Long.MIN_VALUE | number << 47} for the table, or 0 when all numbers are taken. */
    private static long tableBits(String table) {
        Long bits = TABLE_BITS.get(table);
        if (bits == null) {
            bits = TABLE_BITS.computeIfAbsent(table, t -> {
                int number = TABLE_NUMBERS.getAndIncrement();
                return number > MAX_TABLE_NUMBER ? 0L : Long.MIN_VALUE | ((long) number << PACKED_ID_BITS);
            });
        }
        return bits;
    }

    /**
     * The cached row, {@link ContextCache#NOT_FOUND}, or null. The common key is a {@link PackedKey}
     * (see {@link #key}) built from the table's bits that {@link #of} notes on the type: its hash and
     * equality cost what a {@code Long}'s do, and it does not escape the lookup, so the JIT does not
     * allocate it.
     */
    public static Object get(LocalCache cache, EntityType type, long id) {
        if (cache == null) {
            return null;
        }
        if (id >>> PACKED_ID_BITS == 0 && type.readMemo() instanceof Memo memo && memo.tableBits != 0) {
            return cache.get(new PackedKey(memo.tableBits | id));
        }
        return cache.get(key(cache, type.table(), id));
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
        Object key = key(cache, table, id);
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
        Object key = key(cache, table, id);
        return cache.get(key);
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
            caffeine.putAfter(key(cache, table, id), () -> RowGenerations.bump(table, id), rowOrNotFound);
            return;
        }
        RowGenerations.bump(table, id);
        if (cache != null) {
            cache.set(key(cache, table, id), rowOrNotFound);
        }
    }

    /** Removes a row another node changed, by table name as its message names it; fills in flight lose. */
    static void remove(LocalCache cache, String table, long id) {
        if (cache instanceof CaffeineLocalCache caffeine) {
            caffeine.removeAfter(key(cache, table, id), () -> RowGenerations.bump(table, id));
            return;
        }
        RowGenerations.bump(table, id);
        if (cache != null) {
            cache.remove(key(cache, table, id));
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
        cache.removeKeys(key -> key instanceof RowKey || key instanceof PackedKey);
    }

    /**
     * Local cache key of one row with an id below 2<sup>47</sup>: its table's number and the id in one
     * {@code long} ({@link #key}). Not a {@code Long}, so it never equals a key of the application's.
     */
    record PackedKey(long packed) {

        @Override
        public boolean equals(Object o) {
            return o instanceof PackedKey k && k.packed == packed;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(packed);
        }
    }

    /**
     * Local cache key of one row when {@link #key} cannot pack it: the entity's table
     * (unique within an engine, as in the context cache; other nodes name invalidated rows the same
     * way) and the id.
     */
    private static final class RowKey {

        private final String table;
        private final long id;

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
}
