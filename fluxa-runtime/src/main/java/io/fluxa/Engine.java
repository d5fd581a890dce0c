package io.fluxa;

import io.fluxa.cache.LocalCache;
import io.fluxa.lock.Locker;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.SchemaManager;
import io.fluxa.stream.EventBroker;

import java.util.Collection;
import java.util.Map;

/**
 * The validated, immutable, thread-safe runtime made by {@link Registry#validate()}. One per
 * application. Create a {@link Context} per unit of work with {@link #newContext()}.
 */
public interface Engine extends AutoCloseable {

    /** A new unit of work. Cheap; not thread-safe; do not share between threads. */
    Context newContext();

    /** The MySQL pool registered under {@code code}. @throws PoolUnavailableException when unknown */
    MySqlPool db(String code);

    /** The Redis pool registered under {@code code}. @throws PoolUnavailableException when unknown */
    RedisPool redis(String code);

    /** Distributed locks on the Redis pool {@code code}. @throws PoolUnavailableException when unknown */
    default Locker locker(String code) {
        return Locker.on(redis(code));
    }

    /** The local cache pool registered under {@code code}. @throws PoolUnavailableException when unknown */
    LocalCache localCache(String code);

    Collection<MySqlPool> dbPools();

    Collection<RedisPool> redisPools();

    Collection<LocalCache> localCaches();

    /** Registered entities and MySQL schema sync. */
    SchemaManager schema();

    /** The schema of a registered entity by entity name. @throws FluxaException when unknown */
    EntitySchema entity(String entityName);

    /** Publishes to and consumes from the registered Redis streams (see docs/streams.md). */
    EventBroker eventBroker();

    /** The async flush of this engine: consumers applying what {@link Context#flushAsync} enqueued, dead letters. */
    io.fluxa.async.AsyncFlush asyncFlush();

    /**
     * Drops the ids this engine reserved before its flushes needed them: the id kept for a busy table
     * and, with id blocks on, the blocks (docs/caching.md, "Ids"). Call it after emptying the Redis
     * database that holds the id counters, as tests do between cases, so the next new rows get ids
     * from the counters seeded afresh instead of ids reserved before.
     */
    void forgetReservedIds();

    /** An option set with {@link Registry#setOption}, or null. */
    Object option(String key);

    Map<String, Object> options();

    /** Closes every pool. */
    @Override
    void close();
}
