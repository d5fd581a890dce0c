package io.fluxa.async;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The consumer's work that needs no MySQL connection, run on a thread of its own while the consumer
 * thread waits for MySQL: decoding and planning the batch after the current one, and the post-commit
 * step of the batch committed last (caches, search index, change events, callbacks). One daemon thread
 * runs the tasks in the order they were given, so post-commit steps keep the commit order; it ends after
 * 30 idle seconds and starts again with the next task. On this 2-core machine the consumer thread spent
 * about a third of its CPU on this work between its MySQL round trips (docs/benchmarks.md, "Consumer
 * throughput, eleventh round").
 */
final class SideWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SideWork.class);

    /** How long the consumer waits for a planned batch or for the post-commit steps before going on without. */
    static final long WAIT_SECONDS = 30;

    private final String pool;
    private final ThreadPoolExecutor executor;
    /** The post-commit step given last (done when every earlier one is, the thread running them in order). */
    private volatile CompletableFuture<Void> lastAfterCommit = CompletableFuture.completedFuture(null);

    SideWork(String pool) {
        this.pool = pool;
        this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "fluxa-async-flush-" + pool + "-side");
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Computes {@code work} on the side thread; the future fails with what it threw, or when closed. */
    <T> CompletableFuture<T> compute(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.failedFuture(closed);
        }
    }

    /**
     * The result of {@code planned}, or null when it failed, was rejected or did not finish in time (the
     * caller then does the work itself, which reports any failure in its usual place).
     */
    static <T> T resultOrNull(CompletableFuture<T> planned) {
        try {
            return planned.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /**
     * Runs the post-commit step of a committed batch after those given before. Waits first for the one
     * before it (nearly always done by then), so at most one batch's step waits while MySQL applies the
     * next. Failures are logged: the batch is committed, and its step has no one to report to.
     */
    void afterCommit(Runnable step) {
        awaitAfterCommit();
        try {
            lastAfterCommit = CompletableFuture.runAsync(() -> {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    LOG.warn("async flush entries of MySQL pool '{}' were applied, but updating caches, search index "
                            + "or change events afterwards failed: {}", pool, e.toString(), e);
                }
            }, executor);
        } catch (RejectedExecutionException closed) { // run it here rather than lose it
            step.run();
        }
    }

    /** Waits until every post-commit step given so far ran (up to {@link #WAIT_SECONDS}). */
    void awaitAfterCommit() {
        CompletableFuture<Void> last = lastAfterCommit;
        if (last.isDone()) {
            return;
        }
        try {
            last.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("async flush consumer of MySQL pool '{}': the post-commit steps did not finish in {} s",
                    pool, WAIT_SECONDS);
        }
    }

    /** Runs what was given, then lets the thread end. */
    @Override
    public void close() {
        awaitAfterCommit();
        executor.shutdown();
    }
}
