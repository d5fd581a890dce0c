package io.fluxa.log;

/**
 * What pools and the ORM report executed queries to. Implementations must make
 * {@link #enabled(QuerySource)} cheap so callers skip timing and formatting when nobody listens.
 */
public interface QueryLogger {

    /** A logger nobody listens to. */
    QueryLogger NONE = new QueryLogger() {
        @Override
        public boolean enabled(QuerySource source) {
            return false;
        }

        @Override
        public void log(QuerySource source, String pool, String operation, String query, long startNanos,
                boolean cacheMiss, Throwable error) {
        }
    };

    boolean enabled(QuerySource source);

    /**
     * Reports a finished query. {@code startNanos} is {@link System#nanoTime()} taken before it ran.
     */
    void log(QuerySource source, String pool, String operation, String query, long startNanos, boolean cacheMiss,
            Throwable error);
}
