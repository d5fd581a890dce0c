package io.fluxa.lock;

import io.fluxa.redis.RedisPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A held distributed lock, made by {@link Locker#obtain}. Release it with {@link #close()} (use
 * try-with-resources) or {@link #release()}.
 *
 * <p>While held, a watchdog thread refreshes the lock's TTL every third of the TTL (unless the
 * locker was made {@link Locker#withoutAutoRefresh() without auto-refresh}), until the lock is
 * released. When a refresh fails or finds another owner, the lock is marked lost: {@link #isHeld()}
 * answers false, {@link #checkHeld()} and {@link #close()} throw {@link LockLostException}.
 *
 * <p>Thread-safe: another thread may check or release the lock.
 */
public final class Lock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lock.class);

    private enum State { HELD, LOST, RELEASED }

    private final RedisPool redis;
    private final String name;
    private final List<String> keys;
    private final String owner;
    private final long token;
    private final AtomicReference<State> state = new AtomicReference<>(State.HELD);

    private volatile Duration ttl;
    /** {@link System#nanoTime()} until which the lock is surely ours; see {@link #leaseEnd(long, Duration)}. */
    private volatile long leaseEnd;
    private volatile String lostReason;
    private volatile Throwable lostCause;
    private volatile ScheduledFuture<?> nextRefresh;

    Lock(RedisPool redis, String name, List<String> keys, String owner, long token, Duration ttl, long sentAt) {
        this.redis = redis;
        this.name = name;
        this.keys = keys;
        this.owner = owner;
        this.token = token;
        this.ttl = ttl;
        this.leaseEnd = leaseEnd(sentAt, ttl);
    }

    /** The name passed to {@link Locker#obtain}. */
    public String name() {
        return name;
    }

    /** The code of the Redis pool that holds the lock. */
    public String pool() {
        return redis.code();
    }

    /**
     * The fencing token: a number that grows with every obtain of this lock name (never reused while
     * Redis keeps its data). Send it with every write to the protected resource and let the resource
     * reject a token lower than the highest it has seen; a holder that lost the lock without noticing
     * (a long GC pause, a frozen process) then cannot overwrite its successor's work.
     */
    public long token() {
        return token;
    }

    /** The TTL of the last obtain or refresh. */
    public Duration ttl() {
        return ttl;
    }

    /**
     * True while the lock is neither released nor lost and the TTL of its last successful obtain or
     * refresh has not run out by the local clock, counted from when that call was sent and less a
     * small margin for clock drift. No Redis round-trip; see {@link #remainingTtl()}.
     */
    public boolean isHeld() {
        return state.get() == State.HELD && System.nanoTime() - leaseEnd < 0;
    }

    /**
     * Throws {@link LockLostException} unless {@link #isHeld()}; call it before a step that must not
     * run without the lock.
     *
     * @throws IllegalStateException when the lock was released
     */
    public void checkHeld() {
        if (state.get() == State.RELEASED) {
            throw new IllegalStateException("lock '" + name + "' on Redis pool '" + pool() + "' was released");
        }
        if (!isHeld()) {
            throw lost();
        }
    }

    /**
     * Asks Redis how long the lock still lives: empty when it is no longer held by this owner
     * (it is then marked lost). Upstream's {@code TTL()}.
     */
    public Optional<Duration> remainingTtl() {
        if (state.get() == State.RELEASED) {
            return Optional.empty();
        }
        long millis = (Long) redis.eval(LockScripts.REMAINING, keys, owner);
        if (millis < 0) {
            markLost("Redis no longer holds it for this owner (it expired or was taken over)", null);
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(millis));
    }

    /**
     * Resets the lock's TTL to {@code ttl} if this owner still holds it; later automatic refreshes use
     * the new TTL. False when the lock is no longer held (it is then marked lost). A Redis failure is
     * thrown and does not mark the lock lost.
     *
     * @throws IllegalStateException when the lock was released
     */
    public boolean refresh(Duration ttl) {
        Locker.checkTtl(ttl);
        if (state.get() == State.RELEASED) {
            throw new IllegalStateException("lock '" + name + "' on Redis pool '" + pool() + "' was released");
        }
        if (state.get() == State.LOST) {
            return false;
        }
        long sentAt = System.nanoTime();
        long refreshed = (Long) redis.eval(LockScripts.REFRESH, keys, owner, Long.toString(ttl.toMillis()));
        if (refreshed != 1L) {
            markLost("a refresh found it expired or held by another owner", null);
            return false;
        }
        this.ttl = ttl;
        this.leaseEnd = leaseEnd(sentAt, ttl);
        return true;
    }

    /**
     * Stops the automatic refresh and deletes the lock if this owner still holds it. True when it
     * was deleted; false when it had expired, was taken over by another owner, or was released
     * already. Never deletes another owner's lock. A Redis failure is thrown; the lock then expires
     * after its TTL.
     */
    public boolean release() {
        State before = state.getAndSet(State.RELEASED);
        if (before == State.RELEASED) {
            return false;
        }
        ScheduledFuture<?> refresh = nextRefresh;
        if (refresh != null) {
            refresh.cancel(false);
        }
        return (Long) redis.eval(LockScripts.RELEASE, keys, owner) == 1L;
    }

    /**
     * Releases the lock (a second close does nothing).
     *
     * @throws LockLostException when the lock had been lost before: it expired, another owner took it,
     *         or an automatic refresh failed — the work done under it may have overlapped another
     *         owner's. The lock is released (if still ours) either way.
     */
    @Override
    public void close() {
        State before = state.get();
        if (before == State.RELEASED) {
            return;
        }
        boolean deleted = release();
        if (before == State.LOST) {
            throw lost();
        }
        if (!deleted) {
            markLostReason("it had expired or was taken over by another owner before it was released");
            throw lost();
        }
    }

    @Override
    public String toString() {
        return "Lock[" + name + " on " + pool() + ", token " + token + ", " + state.get() + "]";
    }

    // ---- automatic refresh ----------------------------------------------------------------------

    void startAutoRefresh() {
        scheduleRefresh();
    }

    private void scheduleRefresh() {
        if (state.get() == State.HELD) {
            nextRefresh = Watchdog.schedule(new Refresh(this), ttl.dividedBy(3));
            if (state.get() != State.HELD) {
                nextRefresh.cancel(false);   // released while scheduling
            }
        }
    }

    /**
     * The watchdog's task. It reaches the lock only weakly, so a lock its owner dropped without
     * releasing is not kept alive by the watchdog: once collected, refreshing stops and the lock
     * expires after its TTL.
     */
    private static final class Refresh implements Runnable {

        private final WeakReference<Lock> lock;

        Refresh(Lock lock) {
            this.lock = new WeakReference<>(lock);
        }

        @Override
        public void run() {
            Lock held = lock.get();
            if (held != null) {
                held.refreshByWatchdog();
            }
        }
    }

    private void refreshByWatchdog() {
        if (state.get() != State.HELD) {
            return;
        }
        Duration current = ttl;
        long sentAt = System.nanoTime();
        long refreshed;
        try {
            refreshed = (Long) redis.eval(LockScripts.REFRESH, keys, owner, Long.toString(current.toMillis()));
        } catch (RuntimeException e) {
            markLost("its automatic refresh failed: " + e.getMessage(), e);
            return;
        }
        if (refreshed != 1L) {
            markLost("its automatic refresh found it expired or held by another owner", null);
            return;
        }
        leaseEnd = leaseEnd(sentAt, current);
        scheduleRefresh();
    }

    /**
     * When the lock surely still lives, by the local clock: Redis counts the TTL from when it ran the
     * command, which is after {@code sentAt}; less a margin for the two clocks drifting apart (1 % of
     * the TTL + 2 ms, as Redlock allows).
     */
    static long leaseEnd(long sentAt, Duration ttl) {
        long nanos = ttl.toNanos();
        return sentAt + nanos - nanos / 100 - 2_000_000L;
    }

    private void markLost(String reason, Throwable cause) {
        if (state.compareAndSet(State.HELD, State.LOST)) {
            lostReason = reason;
            lostCause = cause;
            LOG.warn("Lock '{}' on Redis pool '{}' (token {}) was lost: {}", name, pool(), token, reason);
        }
    }

    private void markLostReason(String reason) {
        if (lostReason == null) {
            lostReason = reason;
        }
    }

    private LockLostException lost() {
        String reason = lostReason != null ? lostReason
                : "its TTL of " + ttl.toMillis() + " ms ran out without a successful refresh";
        return new LockLostException(name, pool(), "lock '" + name + "' on Redis pool '" + pool() + "' (token " + token
                + ") was lost: " + reason + ". Work done under it may have overlapped another owner's; pass the"
                + " token to the protected resource to reject late writes, or use a longer TTL.", lostCause);
    }
}
