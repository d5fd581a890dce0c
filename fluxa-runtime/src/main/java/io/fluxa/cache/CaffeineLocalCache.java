package io.fluxa.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A local cache pool backed by Caffeine: bounded by entry count, or unbounded when the limit is 0.
 * Entities that declare their own {@code @LocalCache(size = n)} get a separate Caffeine cache of
 * that size inside the pool, so one busy entity cannot evict the rows of the others.
 */
public final class CaffeineLocalCache implements LocalCache {

    private final String code;
    private final long limit;
    private final Cache<Object, Object> cache;
    /**
     * Entries evicted for size, counted by an eviction listener: Caffeine's statistics are off, so a
     * hit costs no counter update (the eviction count is the only figure {@link #usage} reports).
     */
    private final LongAdder evictions = new LongAdder();
    /** Fixed at construction, so reads need no locking. */
    private final Map<String, CaffeineLocalCache> entityCaches;
    /** Decides which rows go in; replaced by the cross-node channel's gate when the engine runs one. */
    private volatile RowGate gate;

    /** A pool without entity caches of their own. */
    public CaffeineLocalCache(String code, long limit) {
        this(code, limit, Map.of());
    }

    /**
     * A pool whose entities listed in {@code entityLimits} (table → entries, each above 0) get a
     * cache of their own, named {@code <pool>:<table>}.
     */
    public CaffeineLocalCache(String code, long limit, Map<String, Long> entityLimits) {
        if (limit < 0) {
            throw new IllegalArgumentException("local cache '" + code + "': limit must be >= 0 (0 = unlimited)");
        }
        this.code = code;
        this.limit = limit;
        this.cache = build(limit, evictions);
        Map<String, CaffeineLocalCache> entities = new LinkedHashMap<>();
        entityLimits.forEach((table, size) -> {
            if (size == null || size <= 0) {
                throw new IllegalArgumentException("local cache '" + code + "': the size of entity table '" + table
                        + "' must be above 0; leave it out to share the pool's cache");
            }
            entities.put(table, new CaffeineLocalCache(code + ":" + table, size, Map.of()));
        });
        this.entityCaches = Map.copyOf(entities);
        RowGate own = new RowGate();
        own.open();
        guard(own);
    }

    private static Cache<Object, Object> build(long limit, LongAdder evictions) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .evictionListener((key, value, cause) -> evictions.increment());
        if (limit > 0) {
            builder.maximumSize(limit);
        }
        return builder.build();
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public Object get(Object key) {
        return cache.getIfPresent(key);
    }

    @Override
    public void set(Object key, Object value) {
        cache.put(key, value);
    }

    @Override
    public void remove(Object key) {
        cache.invalidate(key);
    }

    @Override
    public void remove(Object key, Object value) {
        cache.asMap().remove(key, value);
    }

    /**
     * Puts {@code value} under {@code key} only when {@code admit}, asked inside the key's atomic
     * compute, says so: a {@link #removeAfter} of the same key runs entirely before or entirely after,
     * never between the check and the put. The fill path of rows; it allocates, the hit path does not.
     *
     * @return true when the value was stored
     */
    boolean putIf(Object key, Object value, BooleanSupplier admit) {
        boolean[] stored = new boolean[1];
        cache.asMap().compute(key, (k, current) -> {
            if (!admit.getAsBoolean()) {
                return current;
            }
            stored[0] = true;
            return value;
        });
        return stored[0];
    }

    /**
     * Runs {@code before} and removes {@code key} in one atomic compute of that key, so a
     * {@link #putIf} of the key sees everything {@code before} did, or completes before it runs.
     */
    void removeAfter(Object key, Runnable before) {
        cache.asMap().compute(key, (k, current) -> {
            before.run();
            return null;
        });
    }

    /**
     * Runs {@code before} and stores {@code value} under {@code key} (or removes the key while rows are
     * not admitted) in one atomic compute of that key, like {@link #removeAfter}.
     */
    void putAfter(Object key, Runnable before, Object value) {
        cache.asMap().compute(key, (k, current) -> {
            before.run();
            return admitsRows() ? value : null;
        });
        if (!admitsRows()) {
            cache.asMap().remove(key, value); // the rows were all dropped while this ran (see LocalRows#fill)
        }
    }

    /** Removes the keys matching {@code test}, here and in every entity cache of the pool. */
    void removeKeys(Predicate<Object> test) {
        cache.asMap().keySet().removeIf(test);
        for (CaffeineLocalCache entityCache : entityCaches.values()) {
            entityCache.removeKeys(test);
        }
    }

    /** Makes {@code rowGate} decide whether rows may go into this pool and its entity caches. */
    void guard(RowGate rowGate) {
        this.gate = rowGate;
        for (CaffeineLocalCache entityCache : entityCaches.values()) {
            entityCache.guard(rowGate);
        }
    }

    /** False while the cross-node invalidation channel is down: reads then store no rows. */
    boolean admitsRows() {
        return gate.isOpen();
    }

    /** Empties the pool's shared cache and every entity cache in it. */
    @Override
    public void clear() {
        cache.invalidateAll();
        for (CaffeineLocalCache entityCache : entityCaches.values()) {
            entityCache.clear();
        }
    }

    @Override
    public LocalCacheUsage usage() {
        // Evictions happen asynchronously in Caffeine; run pending maintenance so the numbers are current.
        cache.cleanUp();
        return new LocalCacheUsage(code, cache.estimatedSize(), limit, evictions.sum());
    }

    @Override
    public LocalCache forEntity(String table) {
        CaffeineLocalCache own = entityCaches.get(table);
        return own == null ? this : own;
    }

    @Override
    public Collection<LocalCache> entityCaches() {
        return List.copyOf(entityCaches.values());
    }
}
