package io.fluxa.orm;

import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;

/** Reports ORM queries to the context's query logger, skipping all work when nobody listens. */
final class Logs {

    private Logs() {
    }

    static void log(QueryLogger logger, QuerySource source, String pool, String operation, String query,
            long startNanos, boolean cacheMiss, Throwable error) {
        if (logger.enabled(source)) {
            logger.log(source, pool, operation, query, startNanos, cacheMiss, error);
        }
    }
}
