package io.fluxa.redis;

import io.fluxa.log.QueryLogger;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A Redis pool: one shared, thread-safe Lettuce connection with String keys and byte[] values,
 * plus a raw command API. The command methods come by family from {@link RedisStringCommands} (keys,
 * strings, cache-aside), {@link RedisCollectionCommands} (lists, hashes, sets, sorted sets),
 * {@link RedisStreamCommands} and {@link RedisScriptCommands} (scripts, rate limiting, server). Each
 * command is described once (package-private {@code Calls}, {@code ListCalls}, {@code HashCalls},
 * {@code SetCalls}, {@code StreamCalls}, {@code ScriptCalls}); a pool runs a description and waits, and
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
public abstract sealed class RedisPool
        implements RedisStringCommands, RedisCollectionCommands, RedisStreamCommands, RedisScriptCommands
        permits LettuceRedisPool {

    /** Only this package implements pools: every command of the interfaces above is written once, on top of {@link #run}. */
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
     * Lettuce's own, not mapped to Fluxa exceptions; {@link #submit} sends such a command as one of the
     * pool's own.
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

    /**
     * Sends a command this API does not cover, written against Lettuce's asynchronous API, on the
     * shared connection, and returns without waiting for the reply. Unlike a command sent on
     * {@link #connection()} directly it is one of the pool's commands: it fails at once while the
     * {@linkplain #circuitBreaker() circuit breaker} is open, is reported to the pool's query loggers,
     * and {@link SubmittedCommand#await()} bounds the wait and maps failures to Fluxa's exceptions.
     *
     * <pre>{@code
     * SubmittedCommand<Long> length = redis.submit("XLEN", "orders", lettuce -> lettuce.xlen("orders"));
     * long entries = length.await();
     * }</pre>
     *
     * @param command the command's name, for messages and logs ({@code XLEN})
     * @param key the key it works on, for messages and logs; null when it has none
     * @param send the Lettuce call
     * @throws io.fluxa.PoolUnavailableException when the circuit breaker is open
     */
    public final <R> SubmittedCommand<R> submit(String command, String key,
            Function<RedisAsyncCommands<String, byte[]>, RedisFuture<R>> send) {
        return submit(connection(), command, key, send);
    }

    /**
     * As {@link #submit(String, String, Function)}, on {@code connection}: one of this pool's connections
     * from {@link #openConnection()}, for a command that blocks the connection it is sent on.
     */
    public abstract <R> SubmittedCommand<R> submit(StatefulRedisConnection<String, byte[]> connection, String command,
            String key, Function<RedisAsyncCommands<String, byte[]>, RedisFuture<R>> send);

    /** A new, empty pipeline on this pool. Not thread-safe; see {@link RedisPipeline}. */
    public abstract RedisPipeline pipeline();

    /**
     * The same pool (same connections) reporting its commands and pipelines to {@code logger}
     * instead; {@link QueryLogger#NONE} for a caller that logs on its own terms, as the ORM does.
     */
    public abstract RedisPool withQueryLogger(QueryLogger logger);
}
