package io.fluxa.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits in a test for something another thread or process does (a consumer applying stream entries,
 * a message reaching another application instance, a lock being released): checks a condition every
 * 10 ms until it holds. The bound only keeps a broken build from hanging; assert what happened, never
 * how long it took.
 */
public final class Poll {

    /** The bound of the methods that take none. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(30);

    private static final long INTERVAL_MILLIS = 10;

    private Poll() {
    }

    /** {@link #until(Duration, BooleanSupplier)} with {@link #DEFAULT_BOUND}. */
    public static boolean until(BooleanSupplier condition) {
        return until(DEFAULT_BOUND, condition);
    }

    /**
     * Checks {@code condition} until it holds or {@code bound} passed (then once more).
     *
     * @return whether it held; false also when the thread was interrupted (its flag is set again)
     */
    public static boolean until(Duration bound, BooleanSupplier condition) {
        long end = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() - end < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** {@link #await(String, Duration, BooleanSupplier)} with {@link #DEFAULT_BOUND}. */
    public static void await(String what, BooleanSupplier condition) {
        await(what, DEFAULT_BOUND, condition);
    }

    /**
     * Checks {@code condition} until it holds.
     *
     * @param what what is waited for, for the failure message
     * @throws AssertionError when it did not hold within {@code bound}, or the thread was interrupted
     */
    public static void await(String what, Duration bound, BooleanSupplier condition) {
        if (!until(bound, condition)) {
            throw new AssertionError("waited " + bound.toMillis() + " ms for " + what
                    + (Thread.currentThread().isInterrupted() ? " (interrupted)" : "") + "; it did not happen");
        }
    }
}
