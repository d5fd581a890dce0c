package io.fluxa.search;

import java.time.Instant;

/**
 * Where the Redis search rebuild of one entity stands in this JVM: the one running, or else the last
 * one (explicit {@code redisReindex} calls and the rebuilds a query starts for a missing or outdated
 * index alike). Rebuilds run by other instances are not seen here.
 *
 * @param entity the entity name
 * @param running whether a rebuild by this JVM is under way
 * @param rowsIndexed rows written so far by the running rebuild, or by the last one when none runs
 * @param completed rebuilds finished by this JVM
 * @param startedAt when the running or last rebuild started; null when there was none
 * @param finishedAt when the last rebuild ended (done or failed); null while running or when there was none
 * @param failure the error of the last rebuild when it failed, else null
 */
public record ReindexProgress(String entity, boolean running, long rowsIndexed, long completed, Instant startedAt,
        Instant finishedAt, String failure) {

    /** No rebuild of {@code entity} has run in this JVM. */
    public static ReindexProgress none(String entity) {
        return new ReindexProgress(entity, false, 0, 0, null, null, null);
    }

    ReindexProgress started() {
        return new ReindexProgress(entity, true, 0, completed, Instant.now(), null, null);
    }

    ReindexProgress indexed(long rows) {
        return new ReindexProgress(entity, true, rows, completed, startedAt, null, null);
    }

    ReindexProgress done(long rows) {
        return new ReindexProgress(entity, false, rows, completed + 1, startedAt, Instant.now(), null);
    }

    ReindexProgress failed(RuntimeException error) {
        return new ReindexProgress(entity, false, rowsIndexed, completed, startedAt, Instant.now(),
                error.getClass().getSimpleName() + ": " + error.getMessage());
    }
}
