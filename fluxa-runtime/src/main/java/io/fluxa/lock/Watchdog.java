package io.fluxa.lock;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that refresh held locks. Shared by every locker of the JVM: a refresh is one short
 * Redis call every third of a lock's TTL, so two daemon threads serve many locks, and no engine has
 * to own (and remember to stop) a scheduler. Daemon threads never keep the JVM alive.
 */
final class Watchdog {

    private static final int THREADS = 2;
    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private Watchdog() {
    }

    static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return EXECUTOR.schedule(task, Math.max(1L, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor create() {
        AtomicInteger number = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, task -> {
            Thread thread = new Thread(task, "fluxa-lock-watchdog-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // released locks cancel their next refresh; drop it from the queue at once
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
