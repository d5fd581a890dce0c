package io.fluxa.log;

import java.time.Instant;
import java.util.Map;

/**
 * One executed query, as given to a {@link QueryLogHandler}.
 *
 * @param source mysql, redis or local cache
 * @param pool the pool code
 * @param operation short operation name: {@code SELECT}, {@code INSERT}, {@code GET}, {@code HSET}, {@code PIPELINE} …
 * @param query the query text (SQL with placeholders, or the Redis command and its keys)
 * @param micros how long it took, in microseconds
 * @param started when it started
 * @param finished when it finished
 * @param cacheMiss true when a cache read found nothing
 * @param error the failure, or null
 * @param metaData the context's metadata at the time
 */
public record QueryEvent(
        QuerySource source,
        String pool,
        String operation,
        String query,
        long micros,
        Instant started,
        Instant finished,
        boolean cacheMiss,
        Throwable error,
        Map<String, String> metaData) {
}
