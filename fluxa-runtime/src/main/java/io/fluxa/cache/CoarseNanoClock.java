package io.fluxa.cache;

import java.util.concurrent.locks.LockSupport;

/**
 * A {@link System#nanoTime()} reading at most about one {@link #TICK_NANOS tick} old, refreshed by
 * one daemon thread (started with the first context cache). Reading it costs a volatile load instead
 * of a clock read (about 25 ns on a virtual machine's {@code kvm-clock}). It is never ahead of
 * {@code System.nanoTime()}: it only ever holds a value that clock already returned. When the thread
 * is held up (a loaded machine, a long GC pause) it falls further behind, never ahead.
 *
 * <p>The thread sleeps while nobody reads the clock: after {@link #QUIET_TICKS} ticks without a read it
 * parks (waking once per {@link #ASLEEP_NANOS} at most), and the first read after that reads
 * {@code System.nanoTime()} itself and wakes it. An idle application so pays about one wake-up a second
 * instead of a thousand (about 3 % of a core on a two-core virtual machine).
 */
final class CoarseNanoClock {

    /** How often the reading is refreshed while the clock is read: 1 ms. */
    static final long TICK_NANOS = 1_000_000L;
    /** Ticks without a read after which the thread sleeps. */
    static final int QUIET_TICKS = 100;
    /** How long the sleeping thread parks before it looks again (a safety net; readers wake it). */
    static final long ASLEEP_NANOS = 1_000_000_000L;

    private static volatile long now = System.nanoTime();
    /** Set by the first read after a tick (only then written: reads stay loads), cleared by every tick. */
    private static volatile boolean read = true;
    /** True while the thread sleeps; the first read that sees it refreshes {@link #now} and wakes the thread. */
    private static volatile boolean asleep;
    private static final Thread TICKER = new Thread(CoarseNanoClock::tick, "fluxa-coarse-clock");

    static {
        TICKER.setDaemon(true);
        TICKER.start();
    }

    private CoarseNanoClock() {
    }

    /** The last reading of {@code System.nanoTime()}, taken at most about a tick ago. */
    static long now() {
        if (!read || asleep) {
            return firstReadOfTick();
        }
        return now;
    }

    /** True while the thread sleeps (for tests). */
    static boolean asleep() {
        return asleep;
    }

    private static long firstReadOfTick() {
        // Written before asleep is read, as the thread writes asleep before it reads this flag: either
        // the thread sees the read and stays up, or this read sees it asleep and wakes it.
        read = true;
        if (asleep) {
            // the kept reading may be a second old: reads that see the thread asleep read the clock
            // themselves, until this fresh reading is stored and the flag cleared
            long fresh = System.nanoTime();
            now = fresh;
            asleep = false;
            LockSupport.unpark(TICKER);
            return fresh;
        }
        return now;
    }

    private static void tick() {
        int quiet = 0;
        while (true) {
            if (quiet < QUIET_TICKS) {
                LockSupport.parkNanos(TICK_NANOS);
                now = System.nanoTime();
            } else {
                asleep = true;
                if (!read) {
                    LockSupport.parkNanos(ASLEEP_NANOS); // until a read wakes it
                }
                now = System.nanoTime(); // fresh before reads that see the flag cleared use it
                asleep = false;
            }
            if (read) {
                read = false;
                quiet = 0;
            } else if (quiet < QUIET_TICKS) {
                quiet++; // at QUIET_TICKS it stays asleep until a read
            }
        }
    }
}
