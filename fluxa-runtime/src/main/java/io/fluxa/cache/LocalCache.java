package io.fluxa.cache;

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

    void clear();

    LocalCacheUsage usage();
}
