package io.fluxa.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An in-process cache pool (Caffeine). Thread-safe. Keys and values are opaque objects; the ORM
 * stores decoded rows here.
 */
public interface LocalCache {

    String code();

    /** Maximum entries, 0 = unlimited. */
    long limit();

    Object get(Object key);

    void set(Object key, Object value);

    void remove(Object key);

    /**
     * Removes {@code key} only while it still maps to {@code value} (compared by identity for the
     * ORM's rows). Atomic in {@link CaffeineLocalCache}; this default is a best effort.
     */
    default void remove(Object key, Object value) {
        if (get(key) == value) {
            remove(key);
        }
    }

    /**
     * Cache-aside: the value stored under {@code key} by an earlier call, or else {@code loader}'s
     * result, which is stored for {@code ttl} and returned. Concurrent misses for one key in this
     * process call the loader once and share its result (or its exception). A {@code null} result is
     * not stored; see {@link #getOrLoad(Object, Duration, boolean, Supplier)}. The entry counts
     * towards the pool's limit like any other; use such keys only with {@code getOrLoad} and
     * {@link #remove}.
     */
    default <T> T getOrLoad(Object key, Duration ttl, Supplier<? extends T> loader) {
        return getOrLoad(key, ttl, false, loader);
    }

    /** {@link #getOrLoad(Object, Duration, Supplier)}; with {@code cacheNull} a {@code null} result is stored too. */
    @SuppressWarnings("unchecked")
    default <T> T getOrLoad(Object key, Duration ttl, boolean cacheNull, Supplier<? extends T> loader) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(loader, "loader must not be null");
        if (ttl == null || ttl.isNegative() || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, got " + ttl);
        }
        if (get(key) instanceof LoadedValue stored && stored.fresh()) {
            return (T) stored.value();
        }
        return LocalLoads.FLIGHTS.run(new LocalLoads.Key(this, key), () -> {
            if (get(key) instanceof LoadedValue stored && stored.fresh()) {
                return (T) stored.value(); // loaded by a caller that finished just before this one started
            }
            T value = loader.get();
            if (value != null || cacheNull) {
                set(key, new LoadedValue(value, System.nanoTime() + ttl.toNanos()));
            }
            return value;
        });
    }

    /** Removes every entry, including those of the entity caches inside this pool. */
    void clear();

    /** Entries held, the limit and evictions of this cache (for a pool: its shared part only). */
    LocalCacheUsage usage();

    /**
     * The cache that holds rows of entity table {@code table}: a cache of its own when the entity
     * declares {@code @LocalCache(size = n)} with n above 0, otherwise this pool's shared cache.
     */
    default LocalCache forEntity(String table) {
        return this;
    }

    /** The entity caches with a size of their own inside this pool, each named {@code <pool>:<table>}. */
    default Collection<LocalCache> entityCaches() {
        return List.of();
    }
}
