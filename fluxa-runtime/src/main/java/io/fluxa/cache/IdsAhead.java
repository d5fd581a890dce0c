package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;

/**
 * Ids an engine reserves from the Redis counters ({@link IdCounters}) before its flushes need them:
 * blocks of many ({@link IdBlocks}, opt-in) or, by default, up to 100 ids for a busy table
 * ({@link IdPrefetch}). Safe to use from many threads.
 */
public sealed interface IdsAhead permits IdBlocks, IdPrefetch {

    /**
     * Takes {@code count} ids for new rows of {@code type} whose counter lives in {@code redis}; what
     * must be sent to Redis is sent now, and the returned reservation waits for it.
     */
    IdCounters.PendingIds start(Context context, EntityType type, int count, RedisPool redis);

    /**
     * Forgets the ids up to {@code max} held for {@code type}: the application inserted a row with an
     * id it chose, and this engine must not hand that id out (see docs/caching.md, "Ids you choose").
     */
    void skipTo(RedisPool redis, EntityType type, long max);

    /** Forgets every id held, of every table (the counters were emptied: see {@code Engine.forgetReservedIds}). */
    void clear();
}
