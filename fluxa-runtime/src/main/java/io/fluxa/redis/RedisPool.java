package io.fluxa.redis;

import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Redis pool: one shared, thread-safe Lettuce connection with String keys and byte[] values,
 * plus a raw command API. The ORM uses {@link #connection()} directly on hot paths.
 *
 * <p>Conventions of the command methods:
 * <ul>
 * <li>Values are Java {@code String}s stored as UTF-8; the {@code …Bytes} variants and the
 *     {@code byte[]} overloads store and return raw bytes.</li>
 * <li>A single value that may be absent comes back as an {@link Optional} ({@code get}, {@code hGet},
 *     {@code lPop}, {@code zScore} …). Commands that answer one value per requested key or field
 *     ({@code mGet}, {@code hMGet}) return a list with {@code null} where a value is absent.
 *     Collections are never null (empty when the key does not exist).</li>
 * <li>Every command waits for its reply (up to the connection's timeout). A rejected command throws
 *     {@link io.fluxa.RedisCommandException} naming the pool, the command and its keys; a connection
 *     failure or timeout throws {@link io.fluxa.PoolUnavailableException}. Null keys or values and
 *     empty argument lists throw {@link IllegalArgumentException} before anything is sent.</li>
 * <li>A pool obtained from a context ({@code ctx.redis(code)}) reports each command to that
 *     context's query loggers; one from the engine reports to the engine-level handlers.</li>
 * </ul>
 */
public interface RedisPool {

    String code();

    /** The shared connection (String keys, byte[] values). Do not close it. */
    StatefulRedisConnection<String, byte[]> connection();

    /** The Redis database number. */
    int database();

    /** The server's version, e.g. {@code 7.0.15}. */
    String serverVersion();

    /**
     * Opens a new connection of its own to this pool's server and database, with the pool's codec and
     * timeout, for commands that block the connection (e.g. {@code XREADGROUP … BLOCK}) and must never
     * stall the shared one. The caller owns it and must close it.
     */
    StatefulRedisConnection<String, byte[]> openConnection();

    /** A new, empty pipeline on this pool. Not thread-safe; see {@link RedisPipeline}. */
    RedisPipeline pipeline();

    // ---- keys ------------------------------------------------------------------------------------

    /** Deletes keys; returns how many existed. */
    long del(String... keys);

    /** How many of the given keys exist (a key named twice counts twice). */
    long exists(String... keys);

    /** Sets a time to live (millisecond precision); false when the key does not exist. */
    boolean expire(String key, Duration ttl);

    /** The remaining time to live; empty when the key does not exist or has no expiry. */
    Optional<Duration> ttl(String key);

    /** Removes the expiry; false when the key does not exist or had none. */
    boolean persist(String key);

    /** The key's data type: {@code string}, {@code list}, {@code hash}, {@code set}, {@code zset}, {@code stream}, or {@code none}. */
    String type(String key);

    /**
     * Every key matching a glob {@code pattern} ({@code user:*}), collected with {@code SCAN} so the
     * server is never blocked. Not a snapshot: keys changed while scanning may be missed or, rarely,
     * reported twice (the result has no duplicates). Each {@code SCAN} round-trip is logged.
     */
    List<String> keys(String pattern);

    // ---- strings ---------------------------------------------------------------------------------

    Optional<String> get(String key);

    Optional<byte[]> getBytes(String key);

    void set(String key, String value);

    /** {@code SET key value PX ttl}. */
    void set(String key, String value, Duration ttl);

    void set(String key, byte[] value);

    void set(String key, byte[] value, Duration ttl);

    /** Sets the value only when the key does not exist; true when it was set. */
    boolean setNX(String key, String value);

    /** Sets the value with a time to live only when the key does not exist; true when it was set. */
    boolean setNX(String key, String value, Duration ttl);

    /** Sets the value and returns the previous one ({@code SET key value GET}). */
    Optional<String> getSet(String key, String value);

    /** One value per key, in order, {@code null} for an absent key. */
    List<String> mGet(String... keys);

    /** Sets every key of the map in one command. */
    void mSet(Map<String, String> values);

    /** Increments the integer value by one (a missing key counts as 0); returns the new value. */
    long incr(String key);

    /** Adds {@code delta} (may be negative) to the integer value; returns the new value. */
    long incrBy(String key, long delta);

    // ---- lists -----------------------------------------------------------------------------------

    /** Inserts values at the head, one after the other; returns the new length. */
    long lPush(String key, String... values);

    /** Appends values at the tail; returns the new length. */
    long rPush(String key, String... values);

    Optional<String> lPop(String key);

    Optional<String> rPop(String key);

    /** Elements {@code start..stop}, both inclusive; negative indexes count from the end ({@code 0, -1} = all). */
    List<String> lRange(String key, long start, long stop);

    long lLen(String key);

    /**
     * Removes occurrences of {@code value}: the first {@code count} from the head when positive, from
     * the tail when negative, all when 0. Returns how many were removed.
     */
    long lRem(String key, long count, String value);

    /** Replaces the element at {@code index}; throws when the index is out of range. */
    void lSet(String key, long index, String value);

    Optional<String> lIndex(String key, long index);

    /** Keeps only elements {@code start..stop}. */
    void lTrim(String key, long start, long stop);

    // ---- hashes ----------------------------------------------------------------------------------

    /** Sets one field; true when the field is new. */
    boolean hSet(String key, String field, String value);

    boolean hSet(String key, String field, byte[] value);

    /** Sets several fields; returns how many were new. */
    long hSet(String key, Map<String, String> fields);

    Optional<String> hGet(String key, String field);

    Optional<byte[]> hGetBytes(String key, String field);

    /** One value per field, in order, {@code null} for an absent field. */
    List<String> hMGet(String key, String... fields);

    /** Every field and value; empty when the key does not exist. */
    Map<String, String> hGetAll(String key);

    /** Removes fields; returns how many existed. */
    long hDel(String key, String... fields);

    long hIncrBy(String key, String field, long delta);

    long hLen(String key);

    boolean hExists(String key, String field);

    // ---- sets ------------------------------------------------------------------------------------

    /** Adds members; returns how many were new. */
    long sAdd(String key, String... members);

    /** Removes members; returns how many were there. */
    long sRem(String key, String... members);

    Set<String> sMembers(String key);

    boolean sIsMember(String key, String member);

    long sCard(String key);

    /** Removes and returns a random member. */
    Optional<String> sPop(String key);

    // ---- sorted sets -----------------------------------------------------------------------------

    /** Adds a member or updates its score; true when the member is new. */
    boolean zAdd(String key, double score, String member);

    /** Adds or updates several members (member → score); returns how many were new. */
    long zAdd(String key, Map<String, Double> scores);

    long zRem(String key, String... members);

    Optional<Double> zScore(String key, String member);

    /** Members by rank {@code start..stop} (inclusive, negative from the end), lowest score first. */
    List<String> zRange(String key, long start, long stop);

    List<ScoredMember> zRangeWithScores(String key, long start, long stop);

    /** Members by rank, highest score first. */
    List<String> zRevRange(String key, long start, long stop);

    /** Members with {@code min <= score <= max}, lowest first. */
    List<String> zRangeByScore(String key, double min, double max);

    /** Like {@link #zRangeByScore(String, double, double)}, skipping {@code offset} and returning at most {@code count}. */
    List<String> zRangeByScore(String key, double min, double max, long offset, long count);

    long zCard(String key);

    /** Number of members with {@code min <= score <= max}. */
    long zCount(String key, double min, double max);

    /** Adds {@code delta} to the member's score (0 when absent); returns the new score. */
    double zIncrBy(String key, double delta, String member);

    // ---- streams ---------------------------------------------------------------------------------

    /** Appends an entry with a server-generated id; returns the id. */
    String xAdd(String stream, Map<String, String> fields);

    long xLen(String stream);

    /** Entries with ids from {@code start} to {@code end} ({@code "-"} and {@code "+"} for the ends). */
    List<StreamEntry> xRange(String stream, String start, String end);

    /** At most {@code count} entries from {@code start} to {@code end}. */
    List<StreamEntry> xRange(String stream, String start, String end, long count);

    /** Deletes entries; returns how many existed. */
    long xDel(String stream, String... ids);

    /** Trims the stream to its newest {@code maxLen} entries (exactly); returns how many were removed. */
    long xTrim(String stream, long maxLen);

    /**
     * Creates a consumer group that will deliver entries after {@code startId} ({@code "$"}: only new
     * ones, {@code "0"}: everything). {@code mkStream} creates an empty stream when there is none.
     * Returns false, without error, when the group already exists.
     */
    boolean xGroupCreate(String stream, String group, String startId, boolean mkStream);

    /** Deletes a consumer group; false when there was none. */
    boolean xGroupDestroy(String stream, String group);

    /**
     * Reads up to {@code count} entries never delivered to the group ({@code XREADGROUP … >}) as
     * {@code consumer}; they stay pending until {@link #xAck acknowledged}. Never blocks: an empty
     * list means there is nothing new (blocking reads would hold the shared connection).
     */
    List<StreamEntry> xReadGroup(String stream, String group, String consumer, long count);

    /**
     * Like {@link #xReadGroup(String, String, String, long)} from another position: {@code ">"} for new
     * entries, or an id (e.g. {@code "0"}) to re-read this consumer's own pending entries after it.
     */
    List<StreamEntry> xReadGroup(String stream, String group, String consumer, String id, long count);

    /** Acknowledges entries; returns how many were pending. */
    long xAck(String stream, String group, String... ids);

    StreamPending xPending(String stream, String group);

    StreamInfo xInfoStream(String stream);

    List<StreamGroupInfo> xInfoGroups(String stream);

    // ---- scripts ---------------------------------------------------------------------------------

    /**
     * Runs a Lua script with {@code keys} as {@code KEYS} and {@code args} as {@code ARGV}. The reply is
     * converted to plain Java: a Lua number to {@code Long} (Redis truncates it to an integer), a string
     * or status reply to {@code String} (UTF-8), a table to {@code List<Object>} (nested tables to
     * nested lists; Redis cuts a table at its first nil), nil and {@code false} to {@code null},
     * {@code true} to {@code 1L}. An error raised by the script is a {@link io.fluxa.RedisCommandException}.
     */
    Object eval(String script, List<String> keys, String... args);

    /** Runs a script loaded with {@link #scriptLoad}; {@code NOSCRIPT} errors when the server does not know it. */
    Object evalSha(String sha, List<String> keys, String... args);

    /** Loads a script into the server's script cache; returns its SHA-1 for {@link #evalSha}. */
    String scriptLoad(String script);

    boolean scriptExists(String sha);

    // ---- rate limiting ---------------------------------------------------------------------------

    /**
     * A sliding-window rate limiter: true when fewer than {@code limit} requests were allowed under
     * {@code key} during the last {@code window}, and then this request is counted; false otherwise
     * (rejected requests are not counted). Atomic (one Lua script) and based on the Redis server's
     * clock, so every application instance shares the same limit.
     */
    boolean rateLimit(String key, int limit, Duration window);

    // ---- server ----------------------------------------------------------------------------------

    /** {@code INFO section} as the server's text ({@code name:value} lines). */
    String info(String section);

    /** Every {@code INFO} section. */
    String info();

    /** Number of keys in this pool's database. */
    long dbSize();

    /** Deletes every key of this pool's database (never other databases). */
    void flushDb();
}
