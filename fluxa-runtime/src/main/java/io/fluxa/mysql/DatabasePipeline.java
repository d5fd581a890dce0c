package io.fluxa.mysql;

/**
 * Collects statements and runs them together in one transaction: consecutive statements with the
 * same SQL text are sent as one JDBC batch (one round-trip). Not thread-safe.
 */
public interface DatabasePipeline {

    /** Queues a statement. */
    DatabasePipeline add(String sql, Object... args);

    /** Number of queued statements. */
    int size();

    /**
     * Runs every queued statement in order, in one transaction, and empties the pipeline.
     *
     * @return rows affected per statement, in the order they were added
     */
    long[] exec();
}
