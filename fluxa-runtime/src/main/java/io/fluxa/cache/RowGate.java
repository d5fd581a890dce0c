package io.fluxa.cache;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether a row may go into the local caches of one engine, for the cross-node
 * invalidation channel ({@link LocalCacheChannel}). One counter does it all: it is odd while the
 * channel is down (nothing may be stored) and even while it is up, and it moves on at every change
 * of state and before every invalidation received from another node.
 *
 * <p>A read takes a {@link #token()} before it looks at the lower tiers and stores what it loaded
 * only when the counter still has that value afterwards — both before and after the put, so an
 * invalidation or a disconnect that raced the put removes the row again. A row loaded before an
 * invalidation therefore never lands after it.
 */
final class RowGate {

    /** The token of a read that started while the channel was down: it never stores. */
    static final long CLOSED = -1;

    /** Starts closed: the engine opens it once the channel's subscription is confirmed. */
    private final AtomicLong counter = new AtomicLong(1);

    long token() {
        long value = counter.get();
        return (value & 1) == 0 ? value : CLOSED;
    }

    boolean admits(long token) {
        return token != CLOSED && counter.get() == token;
    }

    boolean isOpen() {
        return (counter.get() & 1) == 0;
    }

    /** Called before rows are removed because another node changed them; keeps the open/closed state. */
    void invalidating() {
        counter.addAndGet(2);
    }

    /** @return true when this closed the gate (it was open) */
    synchronized boolean close() {
        if (isOpen()) {
            counter.incrementAndGet();
            return true;
        }
        return false;
    }

    /** @return true when this opened the gate (it was closed) */
    synchronized boolean open() {
        if (!isOpen()) {
            counter.incrementAndGet();
            return true;
        }
        return false;
    }
}
