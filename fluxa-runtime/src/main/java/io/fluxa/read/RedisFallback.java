package io.fluxa.read;

import io.fluxa.Context;
import io.fluxa.PoolUnavailableException;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When reads of Redis-cached entities skip Redis: while the pool's circuit breaker is open, and after a
 * read of Redis failed for want of the server. MySQL, the truth, then answers; nothing is filled.
 */
final class RedisFallback {

    private static final Logger LOG = LoggerFactory.getLogger(RedisFallback.class);

    private RedisFallback() {
    }

    /** The entity's Redis cache pool when it may be asked now, else null (no cache, or breaker open). */
    static RedisPool usable(Context context, EntityType type) {
        if (type.redisPool() == null) {
            return null;
        }
        RedisPool redis = context.engine().redis(type.redisPool());
        if (redis.isAvailable()) {
            return redis;
        }
        redis.circuitBreaker().recordFallback();
        return null;
    }

    /** A Redis read or fill failed because the pool is unavailable; the caller goes on with MySQL. */
    static void fellBack(RedisPool redis, PoolUnavailableException e) {
        redis.circuitBreaker().recordFallback();
        LOG.debug("Redis pool '{}' unavailable, reading MySQL instead: {}", redis.code(), e.getMessage());
    }
}
