package io.fluxa.orm;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Hands out ids from a per-table Redis counter ({@code <table>:id}). The counter is seeded from
 * {@code MAX(ID)} the first time it is missing, under a distributed lock ({@code SET NX PX}), so many
 * application instances can start at once. {@link #reserve} takes a whole range with one
 * {@code INCRBY}, so a flush of many new rows costs one Redis call per table.
 */
final class IdGenerator {

    /** Increments only an existing counter; -1 means "missing, seed it first". */
    private static final String INCREMENT_EXISTING =
            "if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end "
                    + "return redis.call('INCRBY', KEYS[1], ARGV[1])";
    private static final String RELEASE_LOCK =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    /** Moves an existing counter up to at least ARGV[1]; a missing one is seeded from MAX(ID) later anyway. */
    static final String RAISE_COUNTER = "local current = redis.call('GET', KEYS[1]) "
            + "if current and tonumber(current) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end "
            + "return 0";
    private static final long LOCK_MILLIS = 10_000;
    private static final long WAIT_MILLIS = 15_000;

    static final IdGenerator INSTANCE = new IdGenerator();

    private IdGenerator() {
    }

    /** The Redis key of a table's id counter. */
    static String counterKey(EntityProvider<?> provider) {
        return provider.table() + ":id";
    }

    /** Reserves {@code count} consecutive ids and returns the first. */
    long reserve(Context context, EntityProvider<?> provider, int count) {
        RedisPool redis = provider.idPool(context);
        String key = counterKey(provider);
        RedisCommands<String, byte[]> commands = redis.connection().sync();
        QueryLogger log = context.queryLogger();
        byte[] countArg = Long.toString(count).getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < 3; attempt++) {
            long start = System.nanoTime();
            Long last = commands.eval(INCREMENT_EXISTING, ScriptOutputType.INTEGER, new String[] {key}, countArg);
            Logs.log(log, QuerySource.REDIS, redis.code(), "EVAL", "INCRBY " + key + " " + count, start, false, null);
            if (last != null && last > 0) {
                return last - count + 1;
            }
            seed(context, provider, redis, key);
        }
        throw new FluxaException("cannot reserve ids for table " + provider.table() + ": counter " + key
                + " keeps disappearing from Redis pool " + redis.code());
    }

    private void seed(Context context, EntityProvider<?> provider, RedisPool redis, String key) {
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
                long max = maxId(context, provider);
                commands.set(key, Long.toString(max).getBytes(StandardCharsets.US_ASCII), SetArgs.Builder.nx());
            }
        } finally {
            commands.eval(RELEASE_LOCK, ScriptOutputType.INTEGER, new String[] {lockKey}, token);
        }
    }

    private static long maxId(Context context, EntityProvider<?> provider) {
        MySqlPool pool = context.engine().db(provider.mysqlPool());
        String sql = "SELECT MAX(`ID`) FROM `" + provider.table() + "`";
        long start = System.nanoTime();
        try (Connection c = pool.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long max = rs.getLong(1);
            Logs.log(context.queryLogger(), QuerySource.MYSQL, pool.code(), "SELECT", sql, start, false, null);
            return max;
        } catch (SQLException e) {
            Logs.log(context.queryLogger(), QuerySource.MYSQL, pool.code(), "SELECT", sql, start, false, e);
            throw SqlErrors.translate(provider, e, sql);
        }
    }
}
