package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.NumberedHash;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.redis.RedisScript;
import io.fluxa.row.EntityType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis row cache of entities with {@code @RedisCache}, and the only place that knows its layout.
 *
 * <p>Keys (all start with the pool's key prefix, empty unless configured): a row is one hash under
 * {@code <table>:<stamp>.<layout>:<id>} with one field per column (the column's position) holding
 * the msgpack-encoded value, or the single field {@code nf} when the row is known not to exist; a
 * cached unique index is one hash {@code <table>:<stamp>.<layout>:u:<index>} mapping the index
 * values to the id. The stamp changes with the entity's columns and the layout number with this
 * format, so a changed definition or a new Fluxa version never reads old bytes. Every script and
 * command touches a single key, so the layout works unchanged on Redis Cluster. See
 * {@code docs/caching.md}.
 */
public final class RedisRowCache {

    /** Version of the key and field layout; part of every row and index key. */
    static final String LAYOUT = "3";
    /** Hash field marking a row known not to exist. */
    static final String NOT_FOUND_FIELD = "nf";
    /** Hash field holding the row's generation: moved on by every flush that wrote the row. */
    static final String GENERATION_FIELD = "g";
    /** The positions of {@link #GENERATION_FIELD} and {@link #NOT_FOUND_FIELD} in a read's {@link NumberedHash.Layout}. */
    private static final int GENERATION_POSITION = 0;
    private static final int NOT_FOUND_POSITION = 1;
    /** Read layouts by column count; see {@link #layout}. */
    private static final NumberedHash.Layout[] LAYOUTS = new NumberedHash.Layout[EntityType.MAX_COLUMNS + 1];
    /** How long the generation of a row nobody read again is kept when the entity has no TTL. */
    static final int TOMBSTONE_SECONDS = 86_400;

    /**
     * After a flush wrote the row: drops every cached column (or the not-found marker) and moves the
     * generation on, leaving a tombstone {@code g} that expires after ARGV[1] seconds. Returns the new
     * generation.
     */
    static final RedisScript INVALIDATE_ROW = RedisScript.of("invalidate-row",
            "local g = tonumber(redis.call('HGET', KEYS[1], 'g') or '0') + 1 "
            + "redis.call('DEL', KEYS[1]) "
            + "redis.call('HSET', KEYS[1], 'g', g) "
            + "redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) return g");
    /** Hash field of a row written through by an async flush in immediate mode: the flush's token. */
    static final String WRITE_THROUGH_FIELD = "w";
    /**
     * Immediate async flush, before its stream entry is added: writes the row's new values (or, with
     * no field/value pairs, "not found" for a delete) under a moved-on generation, marked with the
     * flush's token ARGV[1] in field {@code w}; expires after ARGV[2] seconds (the entity's TTL, or a
     * day). A fill that read MySQL before finds the generation moved and is dropped. Returns the new
     * generation.
     */
    static final RedisScript WRITE_THROUGH = RedisScript.of("write-through-row",
            "local g = tonumber(redis.call('HGET', KEYS[1], 'g') or '0') + 1 "
            + "redis.call('DEL', KEYS[1]) "
            + "redis.call('HSET', KEYS[1], 'g', g, 'w', ARGV[1]) "
            + "if #ARGV == 2 then redis.call('HSET', KEYS[1], 'nf', '1') end "
            + "for i = 3, #ARGV - 1, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end "
            + "redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2])) return g");
    /**
     * After the async consumer committed (or refused) a row: {@link #INVALIDATE_ROW}, unless the row
     * holds the values an immediate async flush with another token than ARGV[2] wrote through (empty:
     * the entry wrote nothing through). Such a row belongs to an entry later in the stream, not applied
     * yet, whose own apply invalidates it; see docs/caching.md. Returns the new generation, or 0.
     */
    static final RedisScript INVALIDATE_APPLIED = RedisScript.of("invalidate-applied-row",
            "local w = redis.call('HGET', KEYS[1], 'w') "
            + "if w and w ~= ARGV[2] then return 0 end "
            + "local g = tonumber(redis.call('HGET', KEYS[1], 'g') or '0') + 1 "
            + "redis.call('DEL', KEYS[1]) "
            + "redis.call('HSET', KEYS[1], 'g', g) "
            + "redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) return g");
    /** Removes the unique index entry ARGV[1] when it still points to id ARGV[2] (a refused async write). */
    static final RedisScript INDEX_EVICT = RedisScript.of("index-evict",
            "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end "
            + "return 0");

    /**
     * Caches a row read from MySQL only if no flush invalidated it since the read noted the
     * generation ARGV[1] (empty = the key did not exist) before querying MySQL. ARGV[2] is the TTL
     * (0 = none), then field/value pairs; with no pairs it caches "not found".
     */
    static final RedisScript FILL_ROW = RedisScript.of("fill-row",
            "if (redis.call('HGET', KEYS[1], 'g') or '') ~= ARGV[1] then return 0 end "
            + "redis.call('DEL', KEYS[1]) "
            + "if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], 'g', ARGV[1]) end "
            + "if #ARGV == 2 then redis.call('HSET', KEYS[1], 'nf', '1') end "
            + "for i = 3, #ARGV - 1, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end "
            + "local ttl = tonumber(ARGV[2]) "
            + "if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end return 1");

    /** Hash field name of each column: its position, in decimal (what {@link NumberedHash} reads back). */
    private static final byte[][] FIELD_BYTES = new byte[EntityType.MAX_COLUMNS][];

    static {
        for (int i = 0; i < FIELD_BYTES.length; i++) {
            FIELD_BYTES[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

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
     * Reads rows with one pipelined HGETALL per id, awaited together (one round-trip). The answer
     * for each id, in input order: its decoded row, {@link ContextCache#NOT_FOUND}, or null when
     * Redis does not hold it; for those {@code generations[i]} receives the row's generation (null
     * when the key did not exist), which {@link #fill} needs.
     */
    public static Object[] read(Context context, RedisPool redis, EntityType type, List<Long> ids,
            byte[][] generations) {
        boolean logging = context.queryLogger().enabled(QuerySource.REDIS);
        long start = logging ? System.nanoTime() : 0;
        String base = base(redis, type);
        RedisPipeline pipeline = quiet(redis).pipeline();
        NumberedHash.Layout layout = layout(type);
        List<PipelineResult<NumberedHash>> replies = new ArrayList<>(ids.size());
        for (Long id : ids) {
            replies.add(pipeline.hGetAllNumbered(base + id, layout));
        }
        Object[] answers = new Object[ids.size()];
        boolean missed = false;
        try {
            pipeline.exec();
            for (int i = 0; i < replies.size(); i++) {
                answers[i] = answer(type, ids.get(i), replies.get(i).get(), generations, i);
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
     * {@link #read} of one id, without the lists: a pipeline of one {@code HGETALL} (on the pipeline
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
            PipelineResult<NumberedHash> reply = pipeline.hGetAllNumbered(base + id, layout(type));
            pipeline.exec();
            answer = answer(type, id, reply.get(), generations, 0);
        } catch (RuntimeException e) {
            logRead(context, redis, base, 1, logging, start, true, e);
            throw e;
        }
        logRead(context, redis, base, 1, logging, start, answer == null, null);
        return answer;
    }

    /**
     * What a read answers for one id from its {@code HGETALL} reply: the decoded row,
     * {@link ContextCache#NOT_FOUND}, or null on a miss (for a tombstone {@code generations[i]} then
     * receives its generation).
     */
    private static Object answer(EntityType type, long id, NumberedHash hash, byte[][] generations, int i) {
        if (hash == null || hash.isEmpty()) {
            return null;
        }
        byte[] generation = hash.named(GENERATION_POSITION);
        if (hash.named(NOT_FOUND_POSITION) != null) {
            return ContextCache.NOT_FOUND;
        } else if (hash.size() - (generation == null ? 0 : 1) >= type.columnCount() - 1) {
            return decode(type, id, hash);
        }
        generations[i] = generation; // a tombstone: a flush wrote the row since it was cached
        return null;
    }

    private static void logRead(Context context, RedisPool redis, String base, int ids, boolean logging, long start,
            boolean missed, RuntimeException error) {
        if (logging) {
            context.queryLogger().log(QuerySource.REDIS, redis.code(), "HGETALL", "HGETALL " + base + "* x" + ids,
                    start, missed, error);
        }
    }

    private static Object[] decode(EntityType type, long id, NumberedHash hash) {
        Object[] row = new Object[type.columnCount()];
        row[0] = id;
        for (int i = 1; i < row.length; i++) {
            row[i] = type.codec().unpack(i, hash.get(i));
        }
        return row;
    }

    /**
     * How a row's hash is read: its column fields by number and the two marker fields by name (see
     * {@link NumberedHash}); one layout per column count, made on first use and shared (immutable).
     */
    private static NumberedHash.Layout layout(EntityType type) {
        int columns = type.columnCount();
        NumberedHash.Layout layout = LAYOUTS[columns];
        if (layout == null) {
            layout = NumberedHash.Layout.of(columns, GENERATION_FIELD, NOT_FOUND_FIELD);
            LAYOUTS[columns] = layout; // a race makes an equal second one: harmless
        }
        return layout;
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
        int columns = type.columnCount();
        byte[][] args = new byte[(columns - 1) * 2 + 2][];
        byte[][] packed = type.codec().packRow(row);
        int a = 0;
        args[a++] = generation;
        args[a++] = ttl;
        for (int i = 1; i < columns; i++) {
            args[a++] = FIELD_BYTES[i];
            args[a++] = packed[i];
        }
        return args;
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
