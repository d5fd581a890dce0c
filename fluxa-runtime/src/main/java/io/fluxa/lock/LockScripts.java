package io.fluxa.lock;

import io.fluxa.RedisCommandException;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.RedisNoScriptException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Lua scripts behind locks. Each check-and-act is one script, so no other client can run between
 * the check of the owner and the change. KEYS[1] is the lock key; the obtain script also uses
 * KEYS[2], the lock's fencing counter, which shares the lock key's hash tag (same cluster slot).
 */
enum LockScripts {

    /** ARGV owner, ttl ms. Sets the lock if free: {1, next token}; else {0, the holder's PTTL}. */
    OBTAIN("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return {1, redis.call('INCR', KEYS[2])}
            end
            return {0, redis.call('PTTL', KEYS[1])}
            """),

    /** ARGV owner, ttl ms. 1 when the owner still held the lock and its TTL was reset, else 0. */
    REFRESH("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """),

    /** ARGV owner. 1 when the owner still held the lock and it was deleted, else 0. */
    RELEASE("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """),

    /** ARGV owner. The remaining TTL in ms while the owner holds the lock, else -2. */
    REMAINING("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PTTL', KEYS[1])
            end
            return -2
            """);

    private final String text;
    private final String sha;

    LockScripts(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    /**
     * Runs the script by its SHA-1 and, when the server does not know it yet (first use, or after
     * a restart or {@code SCRIPT FLUSH}), by its text, which also caches it on the server.
     */
    Object run(RedisPool redis, List<String> keys, String... args) {
        try {
            return redis.evalSha(sha, keys, args);
        } catch (RedisCommandException e) {
            if (!unknownScript(e)) {
                throw e;
            }
            return redis.eval(text, keys, args);
        }
    }

    private static boolean unknownScript(RedisCommandException e) {
        return e.getCause() instanceof RedisNoScriptException
                || (e.getMessage() != null && e.getMessage().contains("NOSCRIPT"));
    }

    private static String sha1(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }
}
