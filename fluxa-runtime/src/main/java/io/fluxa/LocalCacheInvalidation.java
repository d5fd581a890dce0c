package io.fluxa;

import java.time.Duration;

/**
 * How the local caches of several application instances are kept in line (see docs/caching.md,
 * "Several application instances"): each flush publishes the ids it changed on a Redis pub/sub
 * channel and the other instances drop those rows; an instance that lost the channel drops its
 * cached rows and stores none until it is back.
 *
 * @param enabled whether the channel runs; it is only started when some entity has {@code @LocalCache}
 *     and a Redis pool is registered
 * @param redisPool the Redis pool carrying the channel; null picks {@code default}, or the only
 *     registered Redis pool
 * @param pingInterval how often the subscribed connection is checked with {@code PING} (each bounded
 *     by the pool's command timeout); null means {@link #DEFAULT_PING_INTERVAL}
 */
public record LocalCacheInvalidation(boolean enabled, String redisPool, Duration pingInterval) {

    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(1);
    /** On, on the automatically chosen Redis pool. */
    public static final LocalCacheInvalidation DEFAULTS = new LocalCacheInvalidation(true, null, null);
    /** Off: each instance's local cache only sees its own flushes. */
    public static final LocalCacheInvalidation DISABLED = new LocalCacheInvalidation(false, null, null);

    /**
     * @throws FluxaConfigException naming the setting when the ping interval is below 10 ms or the pool is blank
     */
    public LocalCacheInvalidation {
        pingInterval = pingInterval == null ? DEFAULT_PING_INTERVAL : pingInterval;
        if (pingInterval.toMillis() < 10) {
            throw new FluxaConfigException("fluxa.local-cache-invalidation.ping-interval: " + pingInterval
                    + " is too short; expected at least 10ms, e.g. 1s");
        }
        if (redisPool != null && redisPool.isBlank()) {
            throw new FluxaConfigException("fluxa.local-cache-invalidation.redis-pool: must not be blank; leave it"
                    + " out to use the 'default' Redis pool");
        }
    }

    /** On, carried by Redis pool {@code code}. */
    public static LocalCacheInvalidation onPool(String code) {
        return new LocalCacheInvalidation(true, code, null);
    }
}
