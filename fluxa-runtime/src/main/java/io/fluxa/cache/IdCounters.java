package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.redis.RedisScript;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowQueries;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Hands out ids from a per-table Redis counter ({@code <prefix>{<table>}:id}; its seeding lock
 * {@code <prefix>{<table>}:id:lock} shares the hash tag, so both live in one Cluster slot). The counter is seeded from
 * {@code MAX(ID)} the first time it is missing, under a distributed lock ({@code SET NX PX}), so many
 * application instances can start at once. {@link #start} takes a whole range with one
 * {@code INCRBY}, so a flush of many new rows costs one Redis call per table; an engine with id
 * blocks ({@link IdBlocks}) reserves ids ahead and needs that call only when its block runs out; without
 * blocks, a busy table keeps ids reserved ahead ({@link IdPrefetch}) so its flushes need not wait for the call.
 */
public final class IdCounters {

    /** Increments only an existing counter; -1 means "missing, seed it first". */
    private static final RedisScript INCREMENT_EXISTING = RedisScript.of("increment-id-counter",
            "if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end "
                    + "return redis.call('INCRBY', KEYS[1], ARGV[1])");
    private static final RedisScript RELEASE_LOCK = RedisScript.of("release-id-lock",
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
    /** Moves an existing counter up to at least ARGV[1]; a missing one is seeded from MAX(ID) later anyway. */
    static final RedisScript RAISE_COUNTER = RedisScript.of("raise-id-counter", "local current = redis.call('GET', KEYS[1]) "
            + "if current and tonumber(current) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end "
            + "return 0");
    private static final long LOCK_MILLIS = 10_000;
    private static final long WAIT_MILLIS = 15_000;

    private IdCounters() {
    }

    /** The Redis key of a table's id counter. */
    static String counterKey(RedisPool pool, EntityType type) {
        return RedisRowCache.prefix(pool) + "{" + type.table() + "}:id";
    }

    /** The Redis pool holding the id counter: the entity's cache pool, else the default pool. */
    public static RedisPool pool(Context context, EntityType type) {
        return context.engine().redis(type.redisPool() != null ? type.redisPool() : Registry.DEFAULT_POOL);
    }

    /**
     * The pool holding {@code type}'s counter, or null when there is no Redis at all (then the
     * application can only insert ids it chose, and there is no counter to keep up to date).
     */
    public static RedisPool poolOrNull(Context context, EntityType type) {
        try {
            return pool(context, type);
        } catch (PoolUnavailableException e) {
            return null;
        }
    }

    /**
     * Reserves one id: through {@code ahead}, the engine's ids held ahead ({@link IdBlocks} or
     * {@link IdPrefetch}), or with an {@code INCRBY 1} when {@code ahead} is null.
     *
     * @throws PoolUnavailableException naming the Redis pool when it cannot be reached, does not answer
     *     within its command timeout or its circuit breaker is open (then at once): new rows need Redis
     *     for their ids, so the flush writes nothing
     */
    public static long reserveOne(Context context, EntityType type, IdsAhead ahead) {
        return start(context, type, 1, ahead).ids(NOTHING_HELD).next();
    }

    private static PoolUnavailableException unavailable(EntityType type, RedisPool redis, PoolUnavailableException e) {
        return new PoolUnavailableException(redis.code(), "cannot reserve ids for new " + type.schema().entityName()
                + " rows (table " + type.table() + "): ids come from a counter in Redis pool '" + redis.code()
                + "', which is unavailable; nothing was written. " + e.getMessage(), e);
    }

    /** For {@link PendingIds#ids}: the caller holds no MySQL connection. */
    public static final Runnable NOTHING_HELD = () -> { };

    /** A reservation on its way to Redis; see {@link #start}. */
    @FunctionalInterface
    public interface PendingIds {
        /**
         * Waits for the reply (when one was sent) and returns the reserved ids; throws what
         * {@link #reserveOne} throws. Call it once.
         *
         * @param beforeSeeding runs before a missing counter is seeded, which reads {@code MAX(ID)} on
         *     a MySQL connection of its own: a caller holding pooled connections gives them back here,
         *     or many flushes seeding at once could hold every connection while each waits for one more
         */
        ReservedIds ids(Runnable beforeSeeding);
    }

    /** An {@code INCRBY} on its way to Redis; see {@link #increment}. */
    @FunctionalInterface
    interface FirstId {
        /**
         * Waits for the reply and returns the first reserved id, seeding a missing counter first
         * (after running {@code beforeSeeding}, see {@link PendingIds#ids}). {@code awaiting} is the
         * context of the flush that uses the ids (not always the one that sent the call, see
         * {@link IdPrefetch}): the call is logged to it, and a seeding reads {@code MAX(ID)} through it.
         */
        long first(Context awaiting, Runnable beforeSeeding);
    }

    /**
     * Reserves {@code count} ids for new rows of {@code type} in two halves: sends what is needed now
     * and returns the wait for the reply, so the caller can work during the round trip (a flush takes
     * its MySQL connections meanwhile). Without {@code ahead} that is one {@code INCRBY} of {@code count}
     * consecutive ids; with the engine's id blocks nothing is sent while its block lasts, and with
     * {@link IdPrefetch} a reservation of a busy table takes kept ids whose reply came already.
     * Only a pool that does not exist is reported here; every other failure comes from
     * {@link PendingIds#ids()}.
     */
    public static PendingIds start(Context context, EntityType type, int count, IdsAhead ahead) {
        RedisPool redis = RedisRowCache.quiet(pool(context, type));
        if (ahead != null) {
            return ahead.start(context, type, count, redis);
        }
        return now(context, type, count, redis);
    }

    /** One {@code INCRBY} of {@code count} consecutive ids, sent now and waited for by the returned reservation. */
    static PendingIds now(Context context, EntityType type, int count, RedisPool redis) {
        FirstId reply = increment(context, type, count, redis);
        return beforeSeeding -> ReservedIds.of(reply.first(context, beforeSeeding), count);
    }

    /** Sends one {@code INCRBY} of {@code count} to {@code type}'s counter; see {@link #start}. */
    static FirstId increment(Context context, EntityType type, long count, RedisPool redis) {
        String key = counterKey(redis, type);
        long start = context.queryLogger().enabled(QuerySource.REDIS) ? System.nanoTime() : 0;
        RedisPipeline pipeline = redis.pipeline();
        PipelineResult<Object> reply = pipeline.eval(INCREMENT_EXISTING, List.of(key), countArg(count));
        Runnable sent = pipeline.send();
        return (awaiting, beforeSeeding) -> {
            try {
                sent.run();
                Long last = (Long) reply.get();
                QueryLogger log = awaiting.queryLogger();
                if (log.enabled(QuerySource.REDIS)) {
                    log.log(QuerySource.REDIS, redis.code(), "EVAL", "INCRBY " + key + " " + count,
                            start != 0 ? start : System.nanoTime(), false, null);
                }
                if (last != null && last > 0) {
                    return last - count + 1;
                }
                beforeSeeding.run();
                seed(awaiting, type, redis, key);
                return reserve(awaiting, type, count, redis);
            } catch (PoolUnavailableException e) {
                throw unavailable(type, redis, e);
            }
        };
    }

    private static byte[] countArg(long count) {
        return Long.toString(count).getBytes(StandardCharsets.US_ASCII);
    }

    private static long reserve(Context context, EntityType type, long count, RedisPool redis) {
        String key = counterKey(redis, type);
        QueryLogger log = context.queryLogger();
        byte[] countArg = countArg(count);
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean logging = log.enabled(QuerySource.REDIS);
            long start = logging ? System.nanoTime() : 0;
            Long last = (Long) redis.eval(INCREMENT_EXISTING, List.of(key), countArg);
            if (logging) {
                log.log(QuerySource.REDIS, redis.code(), "EVAL", "INCRBY " + key + " " + count, start, false, null);
            }
            if (last != null && last > 0) {
                return last - count + 1;
            }
            seed(context, type, redis, key);
        }
        throw new FluxaException("cannot reserve ids for table " + type.table() + ": counter " + key
                + " keeps disappearing from Redis pool " + redis.code());
    }

    private static void seed(Context context, EntityType type, RedisPool redis, String key) {
        String lockKey = key + ":lock";
        String token = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!redis.setNX(lockKey, token, Duration.ofMillis(LOCK_MILLIS))) {
            if (redis.exists(key) > 0) {
                return; // another instance seeded it meanwhile
            }
            if (System.currentTimeMillis() > deadline) {
                throw new FluxaException("cannot seed id counter " + key + ": lock " + lockKey
                        + " held too long on Redis pool " + redis.code());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FluxaException("interrupted while waiting for id counter lock " + lockKey, e);
            }
        }
        try {
            if (redis.exists(key) == 0) {
                long max = RowQueries.number(context, type, "SELECT MAX(`" + type.columnName(0) + "`) FROM `"
                        + type.table() + "`", List.of());
                redis.setNX(key, Long.toString(max));
            }
        } finally {
            redis.eval(RELEASE_LOCK, List.of(lockKey), token);
        }
    }
}
