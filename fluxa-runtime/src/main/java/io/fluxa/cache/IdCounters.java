package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowQueries;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Hands out ids from a per-table Redis counter ({@code <prefix>{<table>}:id}; its seeding lock
 * {@code <prefix>{<table>}:id:lock} shares the hash tag, so both live in one Cluster slot). The counter is seeded from
 * {@code MAX(ID)} the first time it is missing, under a distributed lock ({@code SET NX PX}), so many
 * application instances can start at once. {@link #reserve} takes a whole range with one
 * {@code INCRBY}, so a flush of many new rows costs one Redis call per table.
 */
public final class IdCounters {

    /** Increments only an existing counter; -1 means "missing, seed it first". */
    private static final LuaScript INCREMENT_EXISTING = LuaScript.of(
            "if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end "
                    + "return redis.call('INCRBY', KEYS[1], ARGV[1])");
    private static final LuaScript RELEASE_LOCK = LuaScript.of(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
    /** Moves an existing counter up to at least ARGV[1]; a missing one is seeded from MAX(ID) later anyway. */
    static final LuaScript RAISE_COUNTER = LuaScript.of("local current = redis.call('GET', KEYS[1]) "
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

    /** Reserves {@code count} consecutive ids and returns the first. */
    public static long reserve(Context context, EntityType type, int count) {
        RedisPool redis = pool(context, type);
        String key = counterKey(redis, type);
        QueryLogger log = context.queryLogger();
        byte[] countArg = Long.toString(count).getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean logging = log.enabled(QuerySource.REDIS);
            long start = logging ? System.nanoTime() : 0;
            Long last = RedisCalls.evalSha(redis, INCREMENT_EXISTING, ScriptOutputType.INTEGER, new String[] {key},
                    countArg);
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
        RedisCommands<String, byte[]> commands = redis.connection().sync();
        String lockKey = key + ":lock";
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!"OK".equals(commands.set(lockKey, token, SetArgs.Builder.nx().px(LOCK_MILLIS)))) {
            if (commands.exists(key) > 0) {
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
            if (commands.exists(key) == 0) {
                long max = RowQueries.number(context, type, "SELECT MAX(`" + type.columnName(0) + "`) FROM `"
                        + type.table() + "`", List.of());
                commands.set(key, Long.toString(max).getBytes(StandardCharsets.US_ASCII), SetArgs.Builder.nx());
            }
        } finally {
            RedisCalls.evalSha(redis, RELEASE_LOCK, ScriptOutputType.INTEGER, new String[] {lockKey}, token);
        }
    }
}
