package io.fluxa.redis;

import io.fluxa.log.QueryLogger;
import io.lettuce.core.api.StatefulRedisConnection;

import io.lettuce.core.KeyScanCursor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A Redis pool: one shared, thread-safe Lettuce connection with String keys and byte[] values,
 * plus a raw command API. Each command is described once (package-private {@code Calls},
 * {@code StreamCalls}, {@code ScriptCalls}); this class runs a description and waits, and
 * {@link RedisPipeline} queues the same descriptions and sends them together, so both share one
 * argument check, one reply conversion and one error mapping.
 *
 * <p>Conventions of the command methods:
 * <ul>
 * <li>Values are Java {@code String}s stored as UTF-8; the {@code …Bytes} variants and the
 *     {@code byte[]} overloads store and return raw bytes.</li>
 * <li>A single value that may be absent comes back as an {@link Optional} ({@code get}, {@code hGet},
 *     {@code lPop}, {@code zScore} …). Commands that answer one value per requested key or field
 *     ({@code mGet}, {@code hMGet}) return a list with {@code null} where a value is absent.
 *     Collections are never null (empty when the key does not exist).</li>
 * <li>Every command waits for its reply (at most {@link #commandTimeout()}). A rejected command throws
 *     {@link io.fluxa.RedisCommandException} naming the pool, the command and its keys; a connection
 *     failure or timeout throws {@link io.fluxa.PoolUnavailableException}. Null keys or values and
 *     empty argument lists throw {@link IllegalArgumentException} before anything is sent.</li>
 * <li>A pool obtained from a context ({@code ctx.redis(code)}) reports each command to that
 *     context's query loggers; one from the engine reports to the engine-level handlers.</li>
 * </ul>
 */
public abstract class RedisPool {

    private static final int SCAN_PAGE = 1_000;

    /** Only this package implements pools: every command below is written once, on top of {@link #run}. */
    RedisPool() {
    }

    /** Sends one command description, waits for its reply (bounded by the command timeout), logs it. */
    abstract <R, T> T run(Call<R, T> call);

    /** SHAs of the {@link RedisScript}s this pool's server is known to have cached. */
    abstract Set<String> loadedScripts();

    /** The {@link #getOrLoad} loads running in this process for this pool. */
    abstract SingleFlight loads();

    /**
     * Cache writes that failed after MySQL committed, waiting for this pool's Redis to take them
     * ({@code pending()} counts them). See {@code docs/caching.md}.
     */
    public abstract CacheRepairs cacheRepairs();

    /** The pool's code, e.g. {@code default}. */
    public abstract String code();

    /**
     * The shared Lettuce connection (String keys, byte[] values), for what this API does not cover.
     * Do not close it and do not switch off its auto-flush. Errors of commands sent on it directly are
     * Lettuce's own, not mapped to Fluxa exceptions.
     */
    public abstract StatefulRedisConnection<String, byte[]> connection();

    /** The Redis database number. */
    public abstract int database();

    /**
     * The prefix Fluxa puts before the keys it owns on this pool (entity rows, id counters, indexes),
     * from the pool's {@code key-prefix} setting; empty when none is set. Raw commands of this API use
     * keys exactly as given.
     */
    public abstract String keyPrefix();

    /** How long a command or pipeline waits for its reply before failing ({@code timeout} setting; default 2 s). */
    public abstract Duration commandTimeout();

    /**
     * The pool's circuit breaker: open while the server is unreachable or does not answer in time.
     * While it is open every command fails at once with {@link io.fluxa.PoolUnavailableException}, and
     * reads of cached entities are served from MySQL. See {@link CircuitBreaker}.
     */
    public abstract CircuitBreaker circuitBreaker();

    /** False while the {@linkplain #circuitBreaker() circuit breaker} is open. */
    public final boolean isAvailable() {
        return !circuitBreaker().isOpen();
    }

    /** The server's version, e.g. {@code 7.0.15}. */
    public abstract String serverVersion();

    /**
     * Opens a new connection of its own to this pool's server and database, with the pool's codec and
     * timeout, for commands that block the connection (e.g. {@code XREADGROUP … BLOCK}) and must never
     * stall the shared one. The caller owns it and must close it.
     */
    public abstract StatefulRedisConnection<String, byte[]> openConnection();

    /** A new, empty pipeline on this pool. Not thread-safe; see {@link RedisPipeline}. */
    public abstract RedisPipeline pipeline();

    /**
     * The same pool (same connections) reporting its commands and pipelines to {@code logger}
     * instead; {@link QueryLogger#NONE} for a caller that logs on its own terms, as the ORM does.
     */
    public abstract RedisPool withQueryLogger(QueryLogger logger);

    // ---- keys ------------------------------------------------------------------------------------

    /** Deletes keys; returns how many existed. */
    public final long del(String... keys) {
        return run(Calls.del(keys));
    }

    /** How many of the given keys exist (a key named twice counts twice). */
    public final long exists(String... keys) {
        return run(Calls.exists(keys));
    }

    /** Sets a time to live (millisecond precision); false when the key does not exist. */
    public final boolean expire(String key, Duration ttl) {
        return run(Calls.expire(key, ttl));
    }

    /** The remaining time to live; empty when the key does not exist or has no expiry. */
    public final Optional<Duration> ttl(String key) {
        return run(Calls.ttl(key));
    }

    /** Removes the expiry; false when the key does not exist or had none. */
    public final boolean persist(String key) {
        return run(Calls.persist(key));
    }

    /** The key's data type: {@code string}, {@code list}, {@code hash}, {@code set}, {@code zset}, {@code stream}, or {@code none}. */
    public final String type(String key) {
        return run(Calls.type(key));
    }

    /**
     * Every key matching a glob {@code pattern} ({@code user:*}), collected with {@code SCAN} so the
     * server is never blocked. Not a snapshot: keys changed while scanning may be missed or, rarely,
     * reported twice (the result has no duplicates). Each {@code SCAN} round-trip is logged.
     */
    public final List<String> keys(String pattern) {
        Set<String> found = new LinkedHashSet<>();
        String cursor = "0";
        KeyScanCursor<String> page;
        do {
            page = run(Calls.scan(cursor, pattern, SCAN_PAGE));
            found.addAll(page.getKeys());
            cursor = page.getCursor();
        } while (!page.isFinished());
        return new ArrayList<>(found);
    }

    // ---- strings ---------------------------------------------------------------------------------

    public final Optional<String> get(String key) {
        return run(Calls.get(key));
    }

    public final Optional<byte[]> getBytes(String key) {
        return run(Calls.getBytes(key));
    }

    public final void set(String key, String value) {
        run(Calls.set(key, Args.bytes(value), null));
    }

    /** {@code SET key value PX ttl}. */
    public final void set(String key, String value, Duration ttl) {
        run(Calls.set(key, Args.bytes(value), ttl));
    }

    public final void set(String key, byte[] value) {
        run(Calls.set(key, value, null));
    }

    public final void set(String key, byte[] value, Duration ttl) {
        run(Calls.set(key, value, ttl));
    }

    /** Sets the value only when the key does not exist; true when it was set. */
    public final boolean setNX(String key, String value) {
        return run(Calls.setNX(key, Args.bytes(value), null));
    }

    /** Sets the value with a time to live only when the key does not exist; true when it was set. */
    public final boolean setNX(String key, String value, Duration ttl) {
        return run(Calls.setNX(key, Args.bytes(value), ttl));
    }

    /** Sets the value and returns the previous one ({@code SET key value GET}). */
    public final Optional<String> getSet(String key, String value) {
        return run(Calls.getSet(key, value));
    }

    /** One value per key, in order, {@code null} for an absent key. */
    public final List<String> mGet(String... keys) {
        return run(Calls.mGet(keys));
    }

    /** Sets every key of the map in one command. */
    public final void mSet(Map<String, String> values) {
        run(Calls.mSet(values));
    }

    /** Increments the integer value by one (a missing key counts as 0); returns the new value. */
    public final long incr(String key) {
        return run(Calls.incrBy(key, 1));
    }

    /**
     * Increments a counter by one and gives it a time to live when it has none, in one round-trip (one
     * script): the expiry starts at the counter's first increment and later increments do not extend
     * it, so the counter starts again from zero {@code ttl} after it started — a counter per window.
     * Returns the new value.
     */
    public final long incrWithExpire(String key, Duration ttl) {
        return run(ScriptCalls.incrWithExpire(key, 1, ttl, loadedScripts()));
    }

    /** {@link #incrWithExpire(String, Duration)} adding {@code delta} (may be negative). */
    public final long incrByWithExpire(String key, long delta, Duration ttl) {
        return run(ScriptCalls.incrWithExpire(key, delta, ttl, loadedScripts()));
    }

    /** Adds {@code delta} (may be negative) to the integer value; returns the new value. */
    public final long incrBy(String key, long delta) {
        return run(Calls.incrBy(key, delta));
    }

    // ---- cache-aside ------------------------------------------------------------------------------

    /**
     * Cache-aside: the value stored under {@code key}, or else {@code loader}'s result, stored with a
     * time to live of {@code ttl} ({@code SET … PX}) and returned. Values are MessagePack-encoded; see
     * {@link #getOrLoad(String, Duration, Class, boolean, Supplier)} for the types. Concurrent misses
     * for one key in this process call the loader once and share its result (or exception); other
     * processes may load the same key at the same time (the last store wins). A {@code null} result is
     * not stored. A stored value that does not fit {@code type} (written by code expecting another
     * type) counts as a miss and is replaced.
     */
    public final <T> T getOrLoad(String key, Duration ttl, Class<T> type, Supplier<? extends T> loader) {
        return getOrLoad(key, ttl, type, false, loader);
    }

    /**
     * {@link #getOrLoad(String, Duration, Class, Supplier)}; with {@code cacheNull} a {@code null}
     * result is stored too (as MessagePack nil), so a missing value is not looked up again until it
     * expires. {@code type} is one of {@code String}, {@code Boolean}, {@code Long}, {@code Integer},
     * {@code Short}, {@code Byte}, {@code Double}, {@code Float}, {@code BigDecimal}, {@code byte[]},
     * {@code List} and {@code Map} (of those, nested, with String keys), or {@code Object} for
     * whatever was stored (whole numbers come back as {@code Long}).
     */
    public final <T> T getOrLoad(String key, Duration ttl, Class<T> type, boolean cacheNull,
            Supplier<? extends T> loader) {
        return CacheAside.getOrLoad(this, key, ttl, type, cacheNull, loader);
    }

    // ---- lists -----------------------------------------------------------------------------------

    /** Inserts values at the head, one after the other; returns the new length. */
    public final long lPush(String key, String... values) {
        return run(Calls.lPush(key, values));
    }

    /** Appends values at the tail; returns the new length. */
    public final long rPush(String key, String... values) {
        return run(Calls.rPush(key, values));
    }

    public final Optional<String> lPop(String key) {
        return run(Calls.lPop(key));
    }

    public final Optional<String> rPop(String key) {
        return run(Calls.rPop(key));
    }

    /**
     * Moves one element from an end of {@code source} to an end of {@code destination} ({@code LMOVE},
     * never blocks) and returns it; empty when {@code source} is empty. Source and destination may be
     * the same list (a rotation).
     */
    public final Optional<String> lMove(String source, String destination, ListSide from, ListSide to) {
        return run(Calls.lMove(source, destination, from, to));
    }

    /** Elements {@code start..stop}, both inclusive; negative indexes count from the end ({@code 0, -1} = all). */
    public final List<String> lRange(String key, long start, long stop) {
        return run(Calls.lRange(key, start, stop));
    }

    public final long lLen(String key) {
        return run(Calls.lLen(key));
    }

    /**
     * Removes occurrences of {@code value}: the first {@code count} from the head when positive, from
     * the tail when negative, all when 0. Returns how many were removed.
     */
    public final long lRem(String key, long count, String value) {
        return run(Calls.lRem(key, count, value));
    }

    /** Replaces the element at {@code index}; throws when the index is out of range. */
    public final void lSet(String key, long index, String value) {
        run(Calls.lSet(key, index, value));
    }

    public final Optional<String> lIndex(String key, long index) {
        return run(Calls.lIndex(key, index));
    }

    /** Keeps only elements {@code start..stop}. */
    public final void lTrim(String key, long start, long stop) {
        run(Calls.lTrim(key, start, stop));
    }

    // ---- hashes ----------------------------------------------------------------------------------

    /** Sets one field; true when the field is new. */
    public final boolean hSet(String key, String field, String value) {
        return run(Calls.hSet(key, field, Args.bytes(value)));
    }

    public final boolean hSet(String key, String field, byte[] value) {
        return run(Calls.hSet(key, field, value));
    }

    /** Sets several fields; returns how many were new. */
    public final long hSet(String key, Map<String, String> fields) {
        return run(Calls.hSet(key, fields));
    }

    public final Optional<String> hGet(String key, String field) {
        return run(Calls.hGet(key, field));
    }

    public final Optional<byte[]> hGetBytes(String key, String field) {
        return run(Calls.hGetBytes(key, field));
    }

    /** One value per field, in order, {@code null} for an absent field. */
    public final List<String> hMGet(String key, String... fields) {
        return run(Calls.hMGet(key, fields));
    }

    /** Every field and value; empty when the key does not exist. */
    public final Map<String, String> hGetAll(String key) {
        return run(Calls.hGetAll(key));
    }

    /** Every field and its raw value; empty when the key does not exist. */
    public final Map<String, byte[]> hGetAllBytes(String key) {
        return run(Calls.hGetAllBytes(key));
    }

    /** Sets several fields to raw values; returns how many were new. */
    public final long hSetBytes(String key, Map<String, byte[]> fields) {
        return run(Calls.hSetBytes(key, fields));
    }

    /** Sets a field only when it does not exist yet ({@code HSETNX}); true when it was set. */
    public final boolean hSetNX(String key, String field, String value) {
        return run(Calls.hSetNX(key, field, Args.bytes(value)));
    }

    /** Removes fields; returns how many existed. */
    public final long hDel(String key, String... fields) {
        return run(Calls.hDel(key, fields));
    }

    public final long hIncrBy(String key, String field, long delta) {
        return run(Calls.hIncrBy(key, field, delta));
    }

    public final long hLen(String key) {
        return run(Calls.hLen(key));
    }

    public final boolean hExists(String key, String field) {
        return run(Calls.hExists(key, field));
    }

    // ---- sets ------------------------------------------------------------------------------------

    /** Adds members; returns how many were new. */
    public final long sAdd(String key, String... members) {
        return run(Calls.sAdd(key, members));
    }

    /** Removes members; returns how many were there. */
    public final long sRem(String key, String... members) {
        return run(Calls.sRem(key, members));
    }

    public final Set<String> sMembers(String key) {
        return run(Calls.sMembers(key));
    }

    public final boolean sIsMember(String key, String member) {
        return run(Calls.sIsMember(key, member));
    }

    public final long sCard(String key) {
        return run(Calls.sCard(key));
    }

    /** Removes and returns a random member. */
    public final Optional<String> sPop(String key) {
        return run(Calls.sPop(key));
    }

    /**
     * Removes and returns up to {@code count} random members ({@code SPOP key count}); empty when the
     * key does not exist.
     */
    public final Set<String> sPop(String key, long count) {
        return run(Calls.sPop(key, count));
    }

    // ---- sorted sets -----------------------------------------------------------------------------

    /** Adds a member or updates its score; true when the member is new. */
    public final boolean zAdd(String key, double score, String member) {
        return run(Calls.zAdd(key, score, member));
    }

    /** Adds or updates several members (member → score); returns how many were new. */
    public final long zAdd(String key, Map<String, Double> scores) {
        return run(Calls.zAdd(key, scores));
    }

    public final long zRem(String key, String... members) {
        return run(Calls.zRem(key, members));
    }

    public final Optional<Double> zScore(String key, String member) {
        return run(Calls.zScore(key, member));
    }

    /** Members by rank {@code start..stop} (inclusive, negative from the end), lowest score first. */
    public final List<String> zRange(String key, long start, long stop) {
        return run(Calls.zRange(key, start, stop));
    }

    public final List<ScoredMember> zRangeWithScores(String key, long start, long stop) {
        return run(Calls.zRangeWithScores(key, start, stop));
    }

    /** Members by rank, highest score first. */
    public final List<String> zRevRange(String key, long start, long stop) {
        return run(Calls.zRevRange(key, start, stop));
    }

    /** Members by rank with their scores, highest score first ({@code ZREVRANGE … WITHSCORES}). */
    public final List<ScoredMember> zRevRangeWithScores(String key, long start, long stop) {
        return run(Calls.zRevRangeWithScores(key, start, stop));
    }

    /** Members with {@code min <= score <= max}, lowest first. */
    public final List<String> zRangeByScore(String key, double min, double max) {
        return run(Calls.zRangeByScore(key, min, max, 0, -1));
    }

    /** Like {@link #zRangeByScore(String, double, double)}, skipping {@code offset} and returning at most {@code count}. */
    public final List<String> zRangeByScore(String key, double min, double max, long offset, long count) {
        return run(Calls.zRangeByScore(key, min, max, offset, count));
    }

    public final long zCard(String key) {
        return run(Calls.zCard(key));
    }

    /** Number of members with {@code min <= score <= max}. */
    public final long zCount(String key, double min, double max) {
        return run(Calls.zCount(key, min, max));
    }

    /** Adds {@code delta} to the member's score (0 when absent); returns the new score. */
    public final double zIncrBy(String key, double delta, String member) {
        return run(Calls.zIncrBy(key, delta, member));
    }

    // ---- streams ---------------------------------------------------------------------------------

    /** Appends an entry with a server-generated id; returns the id. */
    public final String xAdd(String stream, Map<String, String> fields) {
        return run(StreamCalls.xAdd(stream, fields));
    }

    /** Appends an entry with raw field values and a server-generated id; returns the id. */
    public final String xAddBytes(String stream, Map<String, byte[]> fields) {
        return run(StreamCalls.xAddBytes(stream, fields));
    }

    public final long xLen(String stream) {
        return run(StreamCalls.xLen(stream));
    }

    /** Entries with ids from {@code start} to {@code end} ({@code "-"} and {@code "+"} for the ends). */
    public final List<StreamEntry> xRange(String stream, String start, String end) {
        return run(StreamCalls.xRange(stream, start, end, -1));
    }

    /** At most {@code count} entries from {@code start} to {@code end}. */
    public final List<StreamEntry> xRange(String stream, String start, String end, long count) {
        return run(StreamCalls.xRange(stream, start, end, count));
    }

    /** Deletes entries; returns how many existed. */
    public final long xDel(String stream, String... ids) {
        return run(StreamCalls.xDel(stream, ids));
    }

    /** Trims the stream to its newest {@code maxLen} entries (exactly); returns how many were removed. */
    public final long xTrim(String stream, long maxLen) {
        return run(StreamCalls.xTrim(stream, maxLen));
    }

    /**
     * Creates a consumer group that will deliver entries after {@code startId} ({@code "$"}: only new
     * ones, {@code "0"}: everything). {@code mkStream} creates an empty stream when there is none.
     * Returns false, without error, when the group already exists.
     */
    public final boolean xGroupCreate(String stream, String group, String startId, boolean mkStream) {
        return run(StreamCalls.xGroupCreate(stream, group, startId, mkStream));
    }

    /** Deletes a consumer group; false when there was none. */
    public final boolean xGroupDestroy(String stream, String group) {
        return run(StreamCalls.xGroupDestroy(stream, group));
    }

    /**
     * Reads up to {@code count} entries never delivered to the group ({@code XREADGROUP … >}) as
     * {@code consumer}; they stay pending until {@link #xAck acknowledged}. Never blocks: an empty
     * list means there is nothing new (blocking reads would hold the shared connection).
     */
    public final List<StreamEntry> xReadGroup(String stream, String group, String consumer, long count) {
        return run(StreamCalls.xReadGroup(stream, group, consumer, ">", count));
    }

    /**
     * Like {@link #xReadGroup(String, String, String, long)} from another position: {@code ">"} for new
     * entries, or an id (e.g. {@code "0"}) to re-read this consumer's own pending entries after it.
     */
    public final List<StreamEntry> xReadGroup(String stream, String group, String consumer, String id, long count) {
        return run(StreamCalls.xReadGroup(stream, group, consumer, id, count));
    }

    /** Acknowledges entries; returns how many were pending. */
    public final long xAck(String stream, String group, String... ids) {
        return run(StreamCalls.xAck(stream, group, ids));
    }

    public final StreamPending xPending(String stream, String group) {
        return run(StreamCalls.xPending(stream, group));
    }

    public final StreamInfo xInfoStream(String stream) {
        return run(StreamCalls.xInfoStream(stream));
    }

    public final List<StreamGroupInfo> xInfoGroups(String stream) {
        return run(StreamCalls.xInfoGroups(stream));
    }

    // ---- scripts ---------------------------------------------------------------------------------

    /**
     * Runs a Lua script with {@code keys} as {@code KEYS} and {@code args} as {@code ARGV}. The reply is
     * converted to plain Java: a Lua number to {@code Long} (Redis truncates it to an integer), a string
     * or status reply to {@code String} (UTF-8), a table to {@code List<Object>} (nested tables to
     * nested lists; Redis cuts a table at its first nil), nil and {@code false} to {@code null},
     * {@code true} to {@code 1L}. An error raised by the script is a {@link io.fluxa.RedisCommandException}.
     */
    public final Object eval(String script, List<String> keys, String... args) {
        return run(ScriptCalls.eval(script, keys, args));
    }

    /**
     * Runs a described {@link RedisScript}: the first run on this pool sends its source
     * ({@code EVAL}), later runs only its SHA ({@code EVALSHA}); a {@code NOSCRIPT} answer is retried
     * once with the source, so it never reaches the caller. Replies as for {@link #eval(String, List, String...)}.
     */
    public final Object eval(RedisScript script, List<String> keys) {
        return run(ScriptCalls.eval(script, keys, null, loadedScripts()));
    }

    /** {@link #eval(RedisScript, List)} with UTF-8 string arguments ({@code ARGV}). */
    public final Object eval(RedisScript script, List<String> keys, String... args) {
        return run(ScriptCalls.eval(script, keys, ScriptCalls.utf8(args), loadedScripts()));
    }

    /** {@link #eval(RedisScript, List)} with raw byte arguments ({@code ARGV}). */
    public final Object eval(RedisScript script, List<String> keys, byte[]... args) {
        return run(ScriptCalls.eval(script, keys, args, loadedScripts()));
    }

    /** Runs a script loaded with {@link #scriptLoad}; {@code NOSCRIPT} errors when the server does not know it. */
    public final Object evalSha(String sha, List<String> keys, String... args) {
        return run(ScriptCalls.evalSha(sha, keys, args));
    }

    /** Loads a script into the server's script cache; returns its SHA-1 for {@link #evalSha}. */
    public final String scriptLoad(String script) {
        return run(ScriptCalls.scriptLoad(script));
    }

    public final boolean scriptExists(String sha) {
        return run(ScriptCalls.scriptExists(sha));
    }

    // ---- rate limiting ---------------------------------------------------------------------------

    /**
     * A sliding-window rate limiter: true when fewer than {@code limit} requests were allowed under
     * {@code key} during the last {@code window}, and then this request is counted; false otherwise
     * (rejected requests are not counted). Atomic (one Lua script) and based on the Redis server's
     * clock, so every application instance shares the same limit.
     */
    public final boolean rateLimit(String key, int limit, Duration window) {
        return run(ScriptCalls.rateLimit(key, limit, window, loadedScripts()));
    }

    // ---- server ----------------------------------------------------------------------------------

    /** {@code INFO section} as the server's text ({@code name:value} lines). */
    public final String info(String section) {
        return run(ScriptCalls.info(section));
    }

    /** Every {@code INFO} section. */
    public final String info() {
        return run(ScriptCalls.info(null));
    }

    /** Number of keys in this pool's database. */
    public final long dbSize() {
        return run(ScriptCalls.dbSize());
    }

    /** Deletes every key of this pool's database (never other databases). */
    public final void flushDb() {
        run(ScriptCalls.flushDb());
    }
}
