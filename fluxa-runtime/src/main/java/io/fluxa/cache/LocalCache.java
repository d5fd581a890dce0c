package io.fluxa.cache;

import java.util.Collection;
import java.util.List;

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
