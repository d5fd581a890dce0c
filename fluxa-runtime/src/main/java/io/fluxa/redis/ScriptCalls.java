package io.fluxa.redis;

import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** Lua scripts, the scripted helpers built on them (rate limiter) and server commands, each described once. */
final class ScriptCalls {

    /**
     * Sliding-window rate limiter. Keeps one sorted-set member per allowed request, scored with the
     * server's clock in milliseconds (server time, so every application instance agrees). Members older
     * than the window are dropped first; a request is allowed and recorded only while fewer than
     * {@code limit} remain. Rejected requests are not recorded. KEYS[1] the limiter key; ARGV limit,
     * window in milliseconds, a unique member.
     */
    static final RedisScript RATE_LIMIT = RedisScript.of("rate-limit", """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], window)
              return 1
            end
            return 0
            """);

    /**
     * INCRBY, and a time to live when the counter has none: set on the counter's first increment and
     * not extended by later ones, so the counter starts again from zero one {@code ttl} after it
     * started. KEYS[1] the counter; ARGV delta, ttl in milliseconds.
     */
    static final RedisScript INCR_WITH_EXPIRE = RedisScript.of("incr-with-expire", """
            local n = redis.call('INCRBY', KEYS[1], ARGV[1])
            if redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return n
            """);

    private ScriptCalls() {
    }

    // ---- scripts ---------------------------------------------------------------------------------

    static Call<Object, Object> eval(String script, List<String> keys, String... args) {
        Objects.requireNonNull(script, "script must not be null");
        String[] k = Args.scriptKeys(keys);
        byte[][] v = Args.values(args);
        return Call.of("EVAL", k, a -> a.dispatch(CommandType.EVAL, new ScriptReply(), scriptArgs(script, k, v)),
                reply -> reply);
    }

    static Call<Object, Object> evalSha(String sha, List<String> keys, String... args) {
        Objects.requireNonNull(sha, "sha must not be null");
        String[] k = Args.scriptKeys(keys);
        byte[][] v = Args.values(args);
        return Call.of("EVALSHA", k, a -> a.dispatch(CommandType.EVALSHA, new ScriptReply(),
                scriptArgs(sha, k, v)), reply -> reply);
    }

    /**
     * Runs a described script: {@code EVALSHA} once {@code loaded} holds its SHA, {@code EVAL} before
     * (which caches it on the server; the SHA is recorded when that succeeded). A {@code NOSCRIPT}
     * answer to {@code EVALSHA} repeats the call once with {@code EVAL}.
     */
    static Call<Object, Object> eval(RedisScript script, List<String> keys, byte[][] args, Set<String> loaded) {
        Objects.requireNonNull(script, "script must not be null");
        byte[][] v = args == null ? new byte[0][] : args.clone();
        for (byte[] arg : v) {
            Args.value(arg);
        }
        return script(script, Args.scriptKeys(keys), v, loaded, reply -> reply);
    }

    /**
     * Runs a described script: {@code EVALSHA} once {@code loaded} holds its SHA, {@code EVAL} before
     * (which caches it on the server; the SHA is recorded when that succeeded). A {@code NOSCRIPT}
     * answer to {@code EVALSHA} repeats the call once with {@code EVAL}. Arguments must be checked.
     */
    static <T> Call<Object, T> script(RedisScript script, String[] keys, byte[][] args, Set<String> loaded,
            Function<Object, T> read) {
        if (!loaded.contains(script.sha())) {
            return scriptSource(script, keys, args, loaded, read);
        }
        return Call.<Object, T>of("EVALSHA", keys, a -> a.dispatch(CommandType.EVALSHA, new ScriptReply(),
                        scriptArgs(script.sha(), keys, args)), read).detail(script.name())
                .retryOnError("NOSCRIPT", () -> scriptSource(script, keys, args, loaded, read));
    }

    private static <T> Call<Object, T> scriptSource(RedisScript script, String[] keys, byte[][] args,
            Set<String> loaded, Function<Object, T> read) {
        return Call.<Object, T>of("EVAL", keys, a -> a.dispatch(CommandType.EVAL, new ScriptReply(),
                scriptArgs(script.source(), keys, args)), reply -> {
                    loaded.add(script.sha());
                    return read.apply(reply);
                }).detail(script.name());
    }

    static byte[][] utf8(String[] args) {
        return Args.values(args);
    }

    private static CommandArgs<String, byte[]> scriptArgs(String scriptOrSha, String[] keys, byte[][] args) {
        return new CommandArgs<>(LettuceRedisPool.CODEC).add(scriptOrSha).add(keys.length).addKeys(keys)
                .addValues(args);
    }

    static Call<String, String> scriptLoad(String script) {
        Objects.requireNonNull(script, "script must not be null");
        return Call.of("SCRIPT", Args.NO_KEYS, a -> a.scriptLoad(script), sha -> sha);
    }

    static Call<List<Boolean>, Boolean> scriptExists(String sha) {
        Objects.requireNonNull(sha, "sha must not be null");
        return Call.of("SCRIPT", Args.NO_KEYS, a -> a.scriptExists(sha),
                found -> !found.isEmpty() && Boolean.TRUE.equals(found.get(0)));
    }

    static Call<Object, Boolean> rateLimit(String key, int limit, Duration window, Set<String> loaded) {
        Args.key(key);
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit of '" + key + "' must be at least 1, got " + limit);
        }
        long millis = Args.positiveMillis(window, "window");
        byte[][] args = {Args.ascii(Integer.toString(limit)), Args.ascii(Long.toString(millis)), Args.ascii(
                Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime()))};
        return script(RATE_LIMIT, new String[] {key}, args, loaded, allowed -> Long.valueOf(1L).equals(allowed));
    }

    static Call<Object, Long> incrWithExpire(String key, long delta, Duration ttl, Set<String> loaded) {
        Args.key(key);
        long millis = Args.positiveMillis(ttl, "ttl");
        byte[][] args = {Args.ascii(Long.toString(delta)), Args.ascii(Long.toString(millis))};
        return script(INCR_WITH_EXPIRE, new String[] {key}, args, loaded, n -> (Long) n);
    }

    // ---- server ----------------------------------------------------------------------------------

    static Call<String, String> info(String section) {
        if (section == null) {
            return Call.of("INFO", Args.NO_KEYS, a -> a.info(), text -> text);
        }
        return Call.of("INFO", Args.NO_KEYS, a -> a.info(section), text -> text);
    }

    static Call<Long, Long> dbSize() {
        return Call.of("DBSIZE", Args.NO_KEYS, a -> a.dbsize(), Args::count);
    }

    static Call<String, Void> flushDb() {
        return Call.of("FLUSHDB", Args.NO_KEYS, a -> a.flushdb(), ok -> null);
    }

}
