package io.fluxa;

import java.util.List;
import java.util.function.Consumer;

/**
 * Watches every {@link Context#flush()} and {@link Context#flushAsync(boolean)} of an engine that has
 * something to write, for tracing: the Spring Boot starter turns each flush into a Micrometer
 * {@code Observation} named {@code fluxa.flush}. Register one with {@link Registry#setFlushObserver}.
 * Called on the flushing thread; keep it cheap. An exception thrown by the observer is not caught.
 */
@FunctionalInterface
public interface FlushObserver {

    /**
     * One flush about to run.
     *
     * @param async true for {@code flushAsync} (the entry is enqueued, MySQL is written later)
     * @param mysqlPools the codes of the MySQL pools the flush writes to, sorted
     * @param entities how many entities have pending changes
     */
    record Flush(boolean async, List<String> mysqlPools, int entities) {
    }

    /**
     * Called when a flush starts.
     *
     * @return called exactly once when the flush ended: with null when it succeeded, else with the
     *     exception the flush throws
     */
    Consumer<Throwable> started(Flush flush);
}
