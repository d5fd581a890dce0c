package io.fluxa.lock;

import io.fluxa.redis.RedisPool;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Distributed locks on one Redis pool: every application instance that uses the same Redis server
 * and database shares them. Get one with {@code engine.locker("default")} or {@code ctx.locker(...)}.
 *
 * <pre>{@code
 * try (Lock lock = engine.locker("default").obtain("invoice:42", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
 *     // only one holder at a time, on every instance
 * }
 * }</pre>
 *
 * <p>A lock lives under the key {@code lock:{name}} (after the pool's key prefix) with a random owner
 * value and a TTL, so a crashed holder's lock expires by itself. Obtaining increments
 * {@code lock:{name}:token}, the lock's fencing counter, in the same script. Every Redis call is bounded by the pool's command timeout; waiting for
 * a lock is bounded by the {@code wait} passed in. Locks are not re-entrant: obtaining a held name
 * again waits like any other owner. Thread-safe.
 */
public final class Locker {

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 100;
    /** Owner values: unique per JVM (random) and per obtain (counter). */
    private static final String INSTANCE = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private static final AtomicLong OWNERS = new AtomicLong();

    private final RedisPool redis;
    private final boolean autoRefresh;

    private Locker(RedisPool redis, boolean autoRefresh) {
        this.redis = redis;
        this.autoRefresh = autoRefresh;
    }

    /** A locker on {@code redis}; {@code engine.locker(code)} and {@code ctx.locker(code)} call this. */
    public static Locker on(RedisPool redis) {
        return new Locker(Objects.requireNonNull(redis, "redis"), true);
    }

    /** The code of the Redis pool. */
    public String pool() {
        return redis.code();
    }

    /**
     * A locker whose locks are not refreshed automatically: each lives for its TTL unless the holder
     * calls {@link Lock#refresh(Duration)} (upstream's behaviour).
     */
    public Locker withoutAutoRefresh() {
        return new Locker(redis, false);
    }

    /**
     * Obtains the lock {@code name} for {@code ttl}, without waiting.
     *
     * @throws LockNotObtainedException when another owner holds it
     */
    public Lock obtain(String name, Duration ttl) {
        return obtain(name, ttl, Duration.ZERO);
    }

    /**
     * Obtains the lock {@code name} for {@code ttl}, waiting at most {@code wait} while another owner
     * holds it (polling every few milliseconds, at most every 100 ms).
     *
     * @throws LockNotObtainedException when another owner held it for the whole wait, or the thread was
     *         interrupted while waiting (its interrupt flag is then set again)
     */
    public Lock obtain(String name, Duration ttl, Duration wait) {
        Attempt attempt = attempt(name, ttl, wait);
        if (attempt.lock != null) {
            return attempt.lock;
        }
        String holder = attempt.holderTtlMillis >= 0
                ? "its current owner's TTL ends in " + attempt.holderTtlMillis + " ms"
                : "its key has no TTL (was it set outside the locker?)";
        throw new LockNotObtainedException(name, pool(), "lock '" + name + "' on Redis pool '" + pool()
                + "' is held by another owner (" + holder + "); waited " + wait.toMillis()
                + " ms. Pass a longer wait, or use tryObtain to go on without it.", null);
    }

    /** Like {@link #obtain(String, Duration)}, but empty when another owner holds the lock. */
    public Optional<Lock> tryObtain(String name, Duration ttl) {
        return tryObtain(name, ttl, Duration.ZERO);
    }

    /**
     * Like {@link #obtain(String, Duration, Duration)}, but empty when another owner held the lock for
     * the whole wait.
     *
     * @throws LockNotObtainedException when the thread was interrupted while waiting
     */
    public Optional<Lock> tryObtain(String name, Duration ttl, Duration wait) {
        return Optional.ofNullable(attempt(name, ttl, wait).lock);
    }

    /**
     * The lock {@code name}'s key, after the pool's key prefix. The braces make the name a hash tag:
     * the fencing counter lives in the same slot.
     */
    static String key(RedisPool redis, String name) {
        return redis.keyPrefix() + "lock:{" + name + "}";
    }

    static String tokenKey(RedisPool redis, String name) {
        return key(redis, name) + ":token";
    }

    static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("a lock TTL must be at least 1 ms, got " + ttl);
        }
    }

    private record Attempt(Lock lock, long holderTtlMillis) {
    }

    private Attempt attempt(String name, Duration ttl, Duration wait) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a lock needs a non-empty name");
        }
        checkTtl(ttl);
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("the wait for lock '" + name + "' must be zero or positive, got " + wait);
        }
        List<String> keys = List.of(key(redis, name), tokenKey(redis, name));
        String owner = INSTANCE + ":" + OWNERS.incrementAndGet();
        String ttlMillis = Long.toString(ttl.toMillis());
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            long sentAt = System.nanoTime();
            List<?> reply = obtainOnce(name, keys, owner, ttlMillis);
            if ((Long) reply.get(0) == 1L) {
                long token = (Long) reply.get(1);
                Lock lock = new Lock(redis, name, keys, owner, token, ttl, sentAt);
                if (autoRefresh) {
                    lock.startAutoRefresh();
                }
                return new Attempt(lock, 0);
            }
            long holderTtl = (Long) reply.get(1);
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return new Attempt(null, holderTtl);
            }
            // jitter keeps many waiters from polling in lock-step; never sleep past the wait or the holder's TTL
            long sleep = ThreadLocalRandom.current().nextLong(pause / 2, pause + 1);
            sleep = Math.max(1, Math.min(sleep, Math.min(left, holderTtl > 0 ? holderTtl : sleep)));
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(name, e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    /**
     * One obtain script call. When it fails (e.g. a timeout after the server ran it), tries to undo it;
     * an interrupt while waiting for Redis ends the wait like an interrupt while sleeping.
     */
    private List<?> obtainOnce(String name, List<String> keys, String owner, String ttlMillis) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(name, null);
        }
        try {
            return (List<?>) redis.eval(LockScripts.OBTAIN, keys, owner, ttlMillis);
        } catch (RuntimeException e) {
            boolean interrupted = Thread.interrupted();   // cleared for the undo, set again below
            try {
                redis.eval(LockScripts.RELEASE, keys, owner);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw interrupted ? interrupted(name, e) : e;
        }
    }

    private LockNotObtainedException interrupted(String name, Throwable cause) {
        return new LockNotObtainedException(name, pool(), "interrupted while waiting for lock '" + name
                + "' on Redis pool '" + pool() + "'", cause);
    }
}
