package io.fluxa.cache;

/** Size and eviction counters of a local cache pool. {@code limit} 0 means unlimited. */
public record LocalCacheUsage(String pool, long used, long limit, long evictions) {
}
