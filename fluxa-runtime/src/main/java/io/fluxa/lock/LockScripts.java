package io.fluxa.lock;

import io.fluxa.redis.RedisScript;

/**
 * The Lua scripts behind locks. Each check-and-act is one script, so no other client can run between
 * the check of the owner and the change. KEYS[1] is the lock key; the obtain script also uses
 * KEYS[2], the lock's fencing counter, which shares the lock key's hash tag (same cluster slot).
 */
final class LockScripts {

    /** ARGV owner, ttl ms. Sets the lock if free: {1, next token}; else {0, the holder's PTTL}. */
    static final RedisScript OBTAIN = RedisScript.of("lock-obtain", """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return {1, redis.call('INCR', KEYS[2])}
            end
            return {0, redis.call('PTTL', KEYS[1])}
            """);

    /** ARGV owner, ttl ms. 1 when the owner still held the lock and its TTL was reset, else 0. */
    static final RedisScript REFRESH = RedisScript.of("lock-refresh", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """);

    /** ARGV owner. 1 when the owner still held the lock and it was deleted, else 0. */
    static final RedisScript RELEASE = RedisScript.of("lock-release", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    /** ARGV owner. The remaining TTL in ms while the owner holds the lock, else -2. */
    static final RedisScript REMAINING = RedisScript.of("lock-remaining", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PTTL', KEYS[1])
            end
            return -2
            """);

    private LockScripts() {
    }
}
