package io.fluxa.redis;

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
 * The {@link RedisPool} commands on keys and strings, and cache-aside ({@code getOrLoad}). Implemented
 * only by {@code RedisPool}; see its documentation for the conventions of every command method.
 */
public sealed interface RedisStringCommands permits RedisPool {

    // ---- keys ------------------------------------------------------------------------------------

    /** Deletes keys; returns how many existed. */
    default long del(String... keys) {
        return run(Calls.del(keys));
    }

    /** How many of the given keys exist (a key named twice counts twice). */
    default long exists(String... keys) {
        return run(Calls.exists(keys));
    }

    /** Sets a time to live (millisecond precision); false when the key does not exist. */
    default boolean expire(String key, Duration ttl) {
        return run(Calls.expire(key, ttl));
    }

    /** The remaining time to live; empty when the key does not exist or has no expiry. */
    default Optional<Duration> ttl(String key) {
        return run(Calls.ttl(key));
    }

    /** Removes the expiry; false when the key does not exist or had none. */
    default boolean persist(String key) {
        return run(Calls.persist(key));
    }

    /** The key's data type: {@code string}, {@code list}, {@code hash}, {@code set}, {@code zset}, {@code stream}, or {@code none}. */
    default String type(String key) {
        return run(Calls.type(key));
    }

    /**
     * Every key matching a glob {@code pattern} ({@code user:*}), collected with {@code SCAN} so the
     * server is never blocked. Not a snapshot: keys changed while scanning may be missed or, rarely,
     * reported twice (the result has no duplicates). Each {@code SCAN} round-trip is logged.
     */
    default List<String> keys(String pattern) {
        Set<String> found = new LinkedHashSet<>();
        String cursor = "0";
        KeyScanCursor<String> page;
        do {
            page = run(Calls.scan(cursor, pattern, Calls.SCAN_PAGE));
            found.addAll(page.getKeys());
            cursor = page.getCursor();
        } while (!page.isFinished());
        return new ArrayList<>(found);
    }

    // ---- strings ---------------------------------------------------------------------------------

    default Optional<String> get(String key) {
        return run(Calls.get(key));
    }

    default Optional<byte[]> getBytes(String key) {
        return run(Calls.getBytes(key));
    }

    default void set(String key, String value) {
        run(Calls.set(key, Args.bytes(value), null));
    }

    /** {@code SET key value PX ttl}. */
    default void set(String key, String value, Duration ttl) {
        run(Calls.set(key, Args.bytes(value), ttl));
    }

    default void set(String key, byte[] value) {
        run(Calls.set(key, value, null));
    }

    default void set(String key, byte[] value, Duration ttl) {
        run(Calls.set(key, value, ttl));
    }

    /** Sets the value only when the key does not exist; true when it was set. */
    default boolean setNX(String key, String value) {
        return run(Calls.setNX(key, Args.bytes(value), null));
    }

    /** Sets the value with a time to live only when the key does not exist; true when it was set. */
    default boolean setNX(String key, String value, Duration ttl) {
        return run(Calls.setNX(key, Args.bytes(value), ttl));
    }

    /** Sets the value and returns the previous one ({@code SET key value GET}). */
    default Optional<String> getSet(String key, String value) {
        return run(Calls.getSet(key, value));
    }

    /** One value per key, in order, {@code null} for an absent key. */
    default List<String> mGet(String... keys) {
        return run(Calls.mGet(keys));
    }

    /** Sets every key of the map in one command. */
    default void mSet(Map<String, String> values) {
        run(Calls.mSet(values));
    }

    /** Increments the integer value by one (a missing key counts as 0); returns the new value. */
    default long incr(String key) {
        return run(Calls.incrBy(key, 1));
    }

    /**
     * Increments a counter by one and gives it a time to live when it has none, in one round-trip (one
     * script): the expiry starts at the counter's first increment and later increments do not extend
     * it, so the counter starts again from zero {@code ttl} after it started — a counter per window.
     * Returns the new value.
     */
    default long incrWithExpire(String key, Duration ttl) {
        return run(ScriptCalls.incrWithExpire(key, 1, ttl, pool().loadedScripts()));
    }

    /** {@link #incrWithExpire(String, Duration)} adding {@code delta} (may be negative). */
    default long incrByWithExpire(String key, long delta, Duration ttl) {
        return run(ScriptCalls.incrWithExpire(key, delta, ttl, pool().loadedScripts()));
    }

    /** Adds {@code delta} (may be negative) to the integer value; returns the new value. */
    default long incrBy(String key, long delta) {
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
    default <T> T getOrLoad(String key, Duration ttl, Class<T> type, Supplier<? extends T> loader) {
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
    default <T> T getOrLoad(String key, Duration ttl, Class<T> type, boolean cacheNull,
            Supplier<? extends T> loader) {
        return CacheAside.getOrLoad(pool(), key, ttl, type, cacheNull, loader);
    }

    private <R, T> T run(Call<R, T> call) {
        return pool().run(call);
    }

    private RedisPool pool() {
        return (RedisPool) this;
    }
}
