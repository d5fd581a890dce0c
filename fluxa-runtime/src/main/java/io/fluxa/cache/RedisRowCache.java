package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.redis.RedisScript;
import io.fluxa.row.EntityType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Redis row cache of entities with {@code @RedisCache}, and the only place that knows its layout.
 *
 * <p>Keys (all start with the pool's key prefix, empty unless configured): a row is one string under
 * {@code <table>:<stamp>.<layout>:<id>}; a cached unique index is one hash
 * {@code <table>:<stamp>.<layout>:u:<index>} mapping the index values to the id. The stamp changes
 * with the entity's columns and the layout number with this format, so a changed definition or a new
 * Fluxa version never reads old bytes. Every script and command touches a single key, so the layout
 * works unchanged on Redis Cluster. See {@code docs/caching.md}.
 *
 * <p>A row's string is {@code <kind><generation>:<token>:<values>}: the kind is one byte ({@code R} a
 * row, {@code N} a row known not to exist, {@code T} a tombstone left by a flush); the generation
 * (decimal, empty for a row filled before any flush wrote it) is moved on by every flush that writes
 * the row; the token (empty unless an immediate async flush wrote the row through) names that flush;
 * the values are {@link io.fluxa.row.RowCodec#packValues}. One {@code GET} reads all of it.
 */
public final class RedisRowCache {

    /** Version of the key and value layout; part of every row and index key. */
    static final String LAYOUT = "4";
    private static final byte ROW = 'R';
    private static final byte NOT_FOUND = 'N';
    private static final byte TOMBSTONE = 'T';
    /** How long the generation of a row nobody read again is kept when the entity has no TTL. */
    static final int TOMBSTONE_SECONDS = 86_400;

    /**
     * The start of every row script: the current value {@code v} of KEYS[1] (false when absent), its
     * generation {@code g} and token {@code w} (both '' when absent or empty).
     */
    private static final String READ_HEADER = "local v = redis.call('GET', KEYS[1]) local g, w = '', '' "
            + "if v then g, w = string.match(v, '^.(%d*):([^:]*):') g = g or '' w = w or '' end ";
    /** Stores tombstone generation {@code n} (the old one plus one) for ARGV[1] seconds and returns it. */
    private static final String TOMBSTONE_WRITE = "local n = (tonumber(g) or 0) + 1 "
            + "redis.call('SET', KEYS[1], 'T' .. n .. '::', 'EX', ARGV[1]) return n";

    /**
     * After a flush wrote the row: replaces whatever is cached (a row, a not-found marker or an older
     * tombstone) with a tombstone under a moved-on generation that expires after ARGV[1] seconds.
     * Returns the new generation.
     */
    static final RedisScript INVALIDATE_ROW = RedisScript.of("invalidate-row", READ_HEADER + TOMBSTONE_WRITE);
    /**
     * Immediate async flush, before its stream entry is added: writes the row's new values ARGV[3]
     * (absent: "not found", a delete) under a moved-on generation, marked with the flush's token
     * ARGV[1]; expires after ARGV[2] seconds (the entity's TTL, or a day). A fill that read MySQL before
     * finds the generation moved and is dropped. Returns the new generation.
     */
    static final RedisScript WRITE_THROUGH = RedisScript.of("write-through-row", READ_HEADER
            + "local n = (tonumber(g) or 0) + 1 "
            + "redis.call('SET', KEYS[1], (ARGV[3] and 'R' or 'N') .. n .. ':' .. ARGV[1] .. ':' .. (ARGV[3] or ''), "
            + "'EX', ARGV[2]) return n");
    /**
     * After the async consumer committed (or refused) a row: {@link #INVALIDATE_ROW}, unless the row
     * holds the values an immediate async flush with another token than ARGV[2] wrote through (empty:
     * the entry wrote nothing through). Such a row belongs to an entry later in the stream, not applied
     * yet, whose own apply invalidates it; see docs/caching.md. Returns the new generation, or 0.
     */
    static final RedisScript INVALIDATE_APPLIED = RedisScript.of("invalidate-applied-row", READ_HEADER
            + "if w ~= '' and w ~= ARGV[2] then return 0 end " + TOMBSTONE_WRITE);
    /** Removes the unique index entry ARGV[1] when it still points to id ARGV[2] (a refused async write). */
    static final RedisScript INDEX_EVICT = RedisScript.of("index-evict",
            "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end "
            + "return 0");

    /**
     * Caches a row read from MySQL only if no flush invalidated it since the read noted the
     * generation ARGV[1] (empty = the key did not exist) before querying MySQL. ARGV[2] is the TTL
     * (0 = none), ARGV[3] the row's values; without them it caches "not found".
     */
    static final RedisScript FILL_ROW = RedisScript.of("fill-row", READ_HEADER
            + "if g ~= ARGV[1] then return 0 end "
            + "local row = (ARGV[3] and 'R' or 'N') .. ARGV[1] .. '::' .. (ARGV[3] or '') "
            + "local ttl = tonumber(ARGV[2]) "
            + "if ttl > 0 then redis.call('SET', KEYS[1], row, 'EX', ttl) else redis.call('SET', KEYS[1], row) end "
            + "return 1");

    private RedisRowCache() {
    }

    // ---- keys --------------------------------------------------------------------------------

    /** The key prefix of every Fluxa-owned key on {@code pool}. */
    public static String prefix(RedisPool pool) {
        return pool.keyPrefix();
    }

    /** The pool without its own query events: the row cache reports its commands itself. */
    static RedisPool quiet(RedisPool pool) {
        return pool.withQueryLogger(QueryLogger.NONE);
    }

    private static String base(String prefix, EntityType type) {
        return prefix + type.table() + ":" + type.schema().stamp() + "." + LAYOUT + ":";
    }

    /** The row key head of {@code type} on {@code pool}, remembered per type for the pool's prefix last used. */
    private static String base(RedisPool pool, EntityType type) {
        String prefix = prefix(pool);
        if (type.redisKeyMemo() instanceof KeyBase memo && memo.prefix == prefix) {
            return memo.base;
        }
        String base = base(prefix, type);
        type.setRedisKeyMemo(new KeyBase(prefix, base));
        return base;
    }

    /** A key prefix (compared by identity: a pool keeps its own) and the row key head built from it. */
    private record KeyBase(String prefix, String base) { }

    /** The key of a cached row. */
    public static String rowKey(String prefix, EntityType type, long id) {
        return base(prefix, type) + id;
    }

    static String rowKey(RedisPool pool, EntityType type, long id) {
        return base(pool, type) + id;
    }

    /** The hash mapping values of cached unique index {@code index} to ids. */
    public static String indexKey(String prefix, EntityType type, int index) {
        return base(prefix, type) + "u:" + type.schema().uniqueIndexes().get(index).name();
    }

    static String indexKey(RedisPool pool, EntityType type, int index) {
        return indexKey(prefix(pool), type, index);
    }

    // ---- reads -------------------------------------------------------------------------------

    /**
     * Reads rows with one pipelined GET per id, awaited together (one round-trip). The answer for
     * each id, in input order: its decoded row, {@link ContextCache#NOT_FOUND}, or null when Redis
     * does not hold it; for those {@code generations[i]} receives the row's generation (null when
     * the key did not exist), which {@link #fill} needs.
     */
    public static Object[] read(Context context, RedisPool redis, EntityType type, List<Long> ids,
            byte[][] generations) {
        boolean logging = context.queryLogger().enabled(QuerySource.REDIS);
        long start = logging ? System.nanoTime() : 0;
        String base = base(redis, type);
        RedisPipeline pipeline = quiet(redis).pipeline();
        List<PipelineResult<Optional<byte[]>>> replies = new ArrayList<>(ids.size());
        for (Long id : ids) {
            replies.add(pipeline.getBytes(base + id));
        }
        Object[] answers = new Object[ids.size()];
        boolean missed = false;
        try {
            pipeline.exec();
            for (int i = 0; i < replies.size(); i++) {
                answers[i] = answer(type, base, ids.get(i), replies.get(i).get().orElse(null), generations, i);
                missed |= answers[i] == null;
            }
        } catch (RuntimeException e) {
            logRead(context, redis, base, ids.size(), logging, start, true, e);
            throw e;
        }
        logRead(context, redis, base, ids.size(), logging, start, missed, null);
        return answers;
    }

    /**
     * {@link #read} of one id, without the lists: a pipeline of one {@code GET} (on the pipeline
     * connection, where the fills go, so a fill sent before is seen), awaited. The answer, and
     * {@code generations[0]}, as {@code read} gives them.
     */
    public static Object readOne(Context context, RedisPool redis, EntityType type, long id, byte[][] generations) {
        boolean logging = context.queryLogger().enabled(QuerySource.REDIS);
        long start = logging ? System.nanoTime() : 0;
        String base = base(redis, type);
        Object answer;
        try {
            RedisPipeline pipeline = quiet(redis).pipeline();
            PipelineResult<Optional<byte[]>> reply = pipeline.getBytes(base + id);
            pipeline.exec();
            answer = answer(type, base, id, reply.get().orElse(null), generations, 0);
        } catch (RuntimeException e) {
            logRead(context, redis, base, 1, logging, start, true, e);
            throw e;
        }
        logRead(context, redis, base, 1, logging, start, answer == null, null);
        return answer;
    }

    /**
     * What a read answers for one id from its {@code GET} reply: the decoded row,
     * {@link ContextCache#NOT_FOUND}, or null on a miss (for a tombstone {@code generations[i]} then
     * receives its generation).
     */
    private static Object answer(EntityType type, String base, long id, byte[] value, byte[][] generations, int i) {
        if (value == null) {
            return null;
        }
        int generationEnd = value.length > 0 ? indexOfColon(value, 1) : -1;
        int tokenEnd = generationEnd < 0 ? -1 : indexOfColon(value, generationEnd + 1);
        byte kind = tokenEnd < 0 ? 0 : value[0];
        switch (kind) {
            case ROW -> {
                Object[] row = new Object[type.columnCount()];
                row[0] = id;
                try {
                    type.codec().unpackValues(value, tokenEnd + 1, row);
                } catch (FluxaException e) {
                    throw foreignValue(type, base, id, e.getMessage(), e);
                }
                return row;
            }
            case NOT_FOUND -> {
                return ContextCache.NOT_FOUND;
            }
            case TOMBSTONE -> {
                // a flush wrote the row since it was cached
                generations[i] = Arrays.copyOfRange(value, 1, generationEnd);
                return null;
            }
            default -> throw foreignValue(type, base, id, "not a row string (" + Math.min(value.length, 16)
                    + " of " + value.length + " bytes: '" + new String(value, 0, Math.min(value.length, 16),
                    StandardCharsets.ISO_8859_1) + "')", null);
        }
    }

    /** A cached value this layout cannot read: only a foreign writer (or a bug) puts one there. */
    private static FluxaException foreignValue(EntityType type, String base, long id, String what, Throwable cause) {
        return new FluxaException("the Redis row cache holds a value Fluxa did not write for " + type.entityName()
                + " id " + id + " at key '" + base + id + "': " + what + "; delete that key (the next read refills"
                + " it from MySQL) and look for another writer of this key", cause);
    }

    private static int indexOfColon(byte[] value, int from) {
        for (int i = from; i < value.length; i++) {
            if (value[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    private static void logRead(Context context, RedisPool redis, String base, int ids, boolean logging, long start,
            boolean missed, RuntimeException error) {
        if (logging) {
            context.queryLogger().log(QuerySource.REDIS, redis.code(), "GET", "GET " + base + "* x" + ids,
                    start, missed, error);
        }
    }

    /**
     * Caches what MySQL answered for {@code ids}: each row found in {@code rows} (aligned with the
     * ids, null = absent) or a not-found marker, each only if the row's generation is still the one
     * {@link #read} saw ({@code generations}, aligned, null = no key) — a flush that committed after
     * that read moved it on, and its row must not be overwritten by this older one. Not awaited: the
     * fill adds no latency to the read, and later commands on the shared connection run after it.
     */
    public static void fill(Context context, RedisPool redis, EntityType type, List<Long> ids, Object[][] rows,
            byte[][] generations) {
        QueryLogger log = context.queryLogger();
        boolean logging = log.enabled(QuerySource.REDIS);
        long start = logging ? System.nanoTime() : 0;
        String base = base(redis, type);
        byte[] ttl = Integer.toString(type.redisTtl()).getBytes(StandardCharsets.US_ASCII);
        RedisPipeline pipeline = quiet(redis).pipeline();
        for (int i = 0; i < ids.size(); i++) {
            byte[] generation = generations[i] == null ? NO_GENERATION : generations[i];
            pipeline.eval(FILL_ROW, List.of(base + ids.get(i)), fillArguments(type, rows[i], generation, ttl));
        }
        pipeline.execInBackground();
        if (logging) {
            log.log(QuerySource.REDIS, redis.code(), "FILL", "EVALSHA fill-row " + base + "* x" + ids.size(), start,
                    false, null);
        }
    }

    private static final byte[] NO_GENERATION = new byte[0];

    private static byte[][] fillArguments(EntityType type, Object[] row, byte[] generation, byte[] ttl) {
        if (row == null) {
            return new byte[][] {generation, ttl};
        }
        return new byte[][] {generation, ttl, type.codec().packValues(row)};
    }

    /** The arguments of {@link #WRITE_THROUGH}: {@code row} null writes "not found". */
    static byte[][] writeThroughArguments(EntityType type, Object[] row, byte[] token) {
        return fillArguments(type, row, token, tombstoneSeconds(type));
    }

    /**
     * Queues on {@code pipeline} (to {@code redis}) what a refused async write of row {@code id} with
     * new values {@code values} (null for a delete) may have left: the row is invalidated unless a later
     * immediate flush wrote it through ({@link #INVALIDATE_APPLIED} with {@code token}, empty for none),
     * and every cached unique index entry of the new values that still points to {@code id} is removed.
     */
    public static List<PipelineResult<?>> evictRefused(RedisPipeline pipeline, RedisPool redis, EntityType type,
            long id, Object[] values, String token) {
        List<PipelineResult<?>> results = new ArrayList<>();
        results.add(pipeline.eval(INVALIDATE_APPLIED, List.of(rowKey(redis, type, id)), tombstoneSeconds(type),
                token.getBytes(StandardCharsets.US_ASCII)));
        if (values != null) {
            for (int u = 0; u < type.uniqueIndexCount(); u++) {
                String field = type.schema().uniqueIndexes().get(u).cached() ? RedisIndexCache.indexField(type, u, values) : null;
                if (field != null) {
                    results.add(pipeline.eval(INDEX_EVICT, List.of(indexKey(redis, type, u)),
                            field.getBytes(StandardCharsets.UTF_8), idBytes(id)));
                }
            }
        }
        return results;
    }

    /** Seconds the tombstone of an invalidated row lives: the entity's TTL, or a day without one. */
    static byte[] tombstoneSeconds(EntityType type) {
        int seconds = type.redisTtl() > 0 ? type.redisTtl() : TOMBSTONE_SECONDS;
        return Integer.toString(seconds).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] idBytes(long id) {
        return Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    }
}
