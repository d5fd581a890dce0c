package io.fluxa.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** A local cache pool backed by Caffeine: bounded by entry count, or unbounded when the limit is 0. */
public final class CaffeineLocalCache implements LocalCache {

    private final String code;
    private final long limit;
    private final Cache<Object, Object> cache;

    public CaffeineLocalCache(String code, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("local cache '" + code + "': limit must be >= 0 (0 = unlimited)");
        }
        this.code = code;
        this.limit = limit;
        Caffeine<Object, Object> builder = Caffeine.newBuilder().recordStats();
        if (limit > 0) {
            builder.maximumSize(limit);
        }
        this.cache = builder.build();
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
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public LocalCacheUsage usage() {
        // Evictions happen asynchronously in Caffeine; run pending maintenance so the numbers are current.
        cache.cleanUp();
        return new LocalCacheUsage(code, cache.estimatedSize(), limit, cache.stats().evictionCount());
    }
}
