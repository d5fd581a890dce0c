package io.fluxa.redis;

import java.time.Duration;
import java.util.List;

/**
 * The {@link RedisPool} commands that run Lua scripts (including the rate limiter) and the server
 * commands. Implemented only by {@code RedisPool}; see its documentation for the conventions of every
 * command method.
 */
public sealed interface RedisScriptCommands permits RedisPool {

    // ---- scripts ---------------------------------------------------------------------------------

    /**
     * Runs a Lua script with {@code keys} as {@code KEYS} and {@code args} as {@code ARGV}. The reply is
     * converted to plain Java: a Lua number to {@code Long} (Redis truncates it to an integer), a string
     * or status reply to {@code String} (UTF-8), a table to {@code List<Object>} (nested tables to
     * nested lists; Redis cuts a table at its first nil), nil and {@code false} to {@code null},
     * {@code true} to {@code 1L}. An error raised by the script is a {@link io.fluxa.RedisCommandException}.
     */
    default Object eval(String script, List<String> keys, String... args) {
        return run(ScriptCalls.eval(script, keys, args));
    }

    /**
     * Runs a described {@link RedisScript}: the first run on this pool sends its source
     * ({@code EVAL}), later runs only its SHA ({@code EVALSHA}); a {@code NOSCRIPT} answer is retried
     * once with the source, so it never reaches the caller. Replies as for {@link #eval(String, List, String...)}.
     */
    default Object eval(RedisScript script, List<String> keys) {
        return run(ScriptCalls.eval(script, keys, null, pool().loadedScripts()));
    }

    /** {@link #eval(RedisScript, List)} with UTF-8 string arguments ({@code ARGV}). */
    default Object eval(RedisScript script, List<String> keys, String... args) {
        return run(ScriptCalls.eval(script, keys, ScriptCalls.utf8(args), pool().loadedScripts()));
    }

    /** {@link #eval(RedisScript, List)} with raw byte arguments ({@code ARGV}). */
    default Object eval(RedisScript script, List<String> keys, byte[]... args) {
        return run(ScriptCalls.eval(script, keys, args, pool().loadedScripts()));
    }

    /** Runs a script loaded with {@link #scriptLoad}; {@code NOSCRIPT} errors when the server does not know it. */
    default Object evalSha(String sha, List<String> keys, String... args) {
        return run(ScriptCalls.evalSha(sha, keys, args));
    }

    /** Loads a script into the server's script cache; returns its SHA-1 for {@link #evalSha}. */
    default String scriptLoad(String script) {
        return run(ScriptCalls.scriptLoad(script));
    }

    default boolean scriptExists(String sha) {
        return run(ScriptCalls.scriptExists(sha));
    }

    // ---- rate limiting ---------------------------------------------------------------------------

    /**
     * A sliding-window rate limiter: true when fewer than {@code limit} requests were allowed under
     * {@code key} during the last {@code window}, and then this request is counted; false otherwise
     * (rejected requests are not counted). Atomic (one Lua script) and based on the Redis server's
     * clock, so every application instance shares the same limit.
     */
    default boolean rateLimit(String key, int limit, Duration window) {
        return run(ScriptCalls.rateLimit(key, limit, window, pool().loadedScripts()));
    }

    // ---- server ----------------------------------------------------------------------------------

    /** {@code INFO section} as the server's text ({@code name:value} lines). */
    default String info(String section) {
        return run(ScriptCalls.info(section));
    }

    /** Every {@code INFO} section. */
    default String info() {
        return run(ScriptCalls.info(null));
    }

    /** Number of keys in this pool's database. */
    default long dbSize() {
        return run(ScriptCalls.dbSize());
    }

    /** Deletes every key of this pool's database (never other databases). */
    default void flushDb() {
        run(ScriptCalls.flushDb());
    }

    private <R, T> T run(Call<R, T> call) {
        return pool().run(call);
    }

    private RedisPool pool() {
        return (RedisPool) this;
    }
}
