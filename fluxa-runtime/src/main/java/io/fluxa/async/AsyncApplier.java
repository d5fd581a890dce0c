package io.fluxa.async;

import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.async.BatchPlanner.Decoded;
import io.fluxa.async.BatchPlanner.Segment;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.flush.KeptStatements;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies a batch of stream entries of one MySQL pool in one transaction, together with the offset
 * row ({@link OffsetTable}). Entries not after the stored offset are skipped (applied before a crash).
 * Entries go in segments, each one flush plan (one JDBC batch per table and statement); a segment ends
 * where an entry touches a row an earlier entry of the segment touched, or metadata or cache mode
 * change, so the merged statements keep stream order. When a statement fails permanently the
 * transaction is rolled back and the batch runs again entry by entry behind savepoints: the failing
 * entries go to the dead letters (written before the commit), the others apply. With a dead-letter
 * threshold, a lock wait timeout, deadlock or statement timeout also switches the next attempt to
 * entry by entry, where the failing entry's failures are counted; at the threshold it is dead-lettered.
 */
final class AsyncApplier {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncApplier.class);

    /** A raw stream entry. */
    record Raw(String id, byte[] body) {
    }

    /** Thrown when a newer lease holder already applied entries: this consumer must stop. */
    static final class Fenced extends FluxaException {
        Fenced(String message) {
            super(message);
        }
    }

    /** What {@link #apply} did; {@code lastId} is the stored offset after it. */
    record Result(String lastId, int applied, int skipped, int deadLettered) {
    }

    private record Exhausted(int failures, RuntimeException last) {
    }

    private final Engine engine;
    private final FlushExecutor executor;
    private final MySqlPool pool;
    private final RedisPool redis;
    private final String stream;
    private final AsyncMeters meters;
    private final DeadLetterWriter deadLetters;
    private final RejectedRows rejectedRows;
    private final int threshold;
    /** Failed entry-by-entry attempts per entry id, counting only failures of the entry itself. */
    private final Map<String, Integer> failures = new HashMap<>();
    /** Runs the post-commit steps, and with {@link #planner} plans the next batch, while this thread waits for MySQL. */
    private final SideWork side;
    private final BatchPlanner planner;
    /** The connection kept between batches (the consumer thread only); see {@link #connection()}. */
    private Connection held;
    /** The prepared statements kept open on {@link #held}. */
    private KeptStatements statements;
    /** The stream's offset row, and what this consumer knows of it. */
    private final OffsetTable offsets;
    /** Entries at the threshold whose last failure ended the transaction: dead-lettered untried next time. */
    private final Map<String, Exhausted> exhausted = new HashMap<>();
    /** Set after a failure of the entry's own kind in a merged batch: the next attempt goes entry by entry. */
    private boolean isolate;

    /** @param threshold see {@link AsyncFlushOptions#deadLetterThreshold()} (0: never) */
    AsyncApplier(Engine engine, FlushExecutor executor, MySqlPool pool, RedisPool redis, AsyncMeters meters,
            RejectedRows rejectedRows, int threshold) {
        this.engine = engine;
        this.executor = executor;
        this.pool = pool;
        this.redis = redis;
        this.stream = AsyncKeys.stream(redis, pool);
        this.offsets = new OffsetTable(stream, pool.code());
        this.meters = meters;
        this.deadLetters = new DeadLetterWriter(redis, pool);
        this.rejectedRows = rejectedRows;
        this.threshold = threshold;
        this.side = new SideWork(pool.code());
        this.planner = new BatchPlanner(engine, executor, side);
    }

    String stream() {
        return stream;
    }

    /**
     * Applies {@code batch} (in stream order) with fencing token {@code fence}, while the side thread plans
     * {@code following}, the batch expected next (null: not known yet). {@code nextLast} tells,
     * at the commit, the last id of the batch that will be applied next when it is already read (else
     * null): its offset move then shares the commit's round trip ({@link OffsetTable#commitAndAdvance}).
     *
     * @throws Fenced when a consumer with a newer token applied entries
     * @throws FluxaException for a transient failure (nothing committed; retry later)
     */
    Result apply(List<Raw> batch, List<Raw> following, long fence, Supplier<String> nextLast) {
        BatchPlanner.Planned planned = planner.take(batch);
        planner.planAhead(following);
        List<Decoded> decoded = planned != null ? planned.decoded() : BatchPlanner.decode(batch);
        try {
            return applyIn(connection(), decoded, fence, nextLast, planned == null ? null : planned.segments());
        } catch (RuntimeException e) {
            release();
            throw e;
        } catch (SQLException e) {
            release();
            throw new FluxaException("async flush of MySQL pool '" + pool.code() + "' failed: " + e.getMessage(), e);
        }
    }

    /** Waits until the post-commit steps of every committed batch ran. */
    void awaitAfterCommit() {
        side.awaitAfterCommit();
    }

    /** Runs the post-commit steps still waiting and stops the side thread. */
    void close() {
        side.close();
    }

    /**
     * The connection batches are applied on: kept (in manual-commit mode) from one batch to the next
     * while they succeed, with its prepared statements ({@link KeptStatements}), which saves switching
     * auto-commit off and on, the pool's checkout and the statements' prepares per batch; after any
     * failure it is rolled back and given back, and the next batch takes a new one.
     */
    private Connection connection() throws SQLException {
        if (held == null) {
            Connection fresh = pool.dataSource().getConnection();
            try {
                fresh.setAutoCommit(false);
            } catch (SQLException e) {
                fresh.close();
                throw e;
            }
            held = fresh;
            statements = new KeptStatements(pool, fresh);
        }
        return held;
    }

    /** Rolls back and returns the kept connection (after a failure, and when the consumer stops or loses its lease). */
    void release() {
        Connection connection = held;
        held = null;
        planner.forget();
        offsets.forget(); // a failed commit may or may not have taken effect
        if (statements != null) {
            statements.close();
            statements = null;
        }
        if (connection != null) {
            rollback(connection);
            try {
                connection.close(); // the pool restores auto-commit, or drops a broken connection
            } catch (SQLException ignored) {
                // a connection that cannot even be closed is gone already
            }
        }
    }

    /**
     * The batch's transaction. It starts by moving the offset row on from where this consumer left it
     * ({@link OffsetTable#advance}: one statement that locks the row and checks the fencing token; sent
     * with the previous batch's {@code COMMIT} when this batch was read by then);
     * when the row is not as expected (first batch, another consumer applied entries, a newer one holds
     * the lease) it locks and reads the row instead, skips what the row says was applied, and stores the
     * offset before the commit. Either way no entry's statement runs before the row is locked and the
     * fencing token checked.
     */
    private Result applyIn(Connection connection, List<Decoded> decoded, long fence, Supplier<String> nextLast,
            List<Segment> planned) throws SQLException {
        List<Decoded> todo = null;
        boolean offsetWritten = false;
        String ahead = offsets.takeAhead();
        if (ahead != null && !ahead.equals(decoded.get(decoded.size() - 1).raw().id())) {
            connection.rollback(); // moved in advance for another batch than this one
            ahead = null;
        }
        String known = offsets.known();
        if (known != null) {
            todo = after(decoded, known);
            if (todo.isEmpty()) { // all applied already: the stored offset only ever moves forward
                return new Result(known, 0, decoded.size(), 0);
            }
            offsetWritten = ahead != null || offsets.advance(connection, todo.get(todo.size() - 1).raw().id(), fence);
        }
        if (!offsetWritten) {
            String lastId = offsets.lock(connection, fence);
            todo = after(decoded, lastId);
            if (todo.isEmpty()) {
                connection.rollback();
                offsets.remember(lastId);
                return new Result(lastId, 0, decoded.size(), 0);
            }
        }
        String last = todo.get(todo.size() - 1).raw().id();
        List<Segment> applied = new ArrayList<>();
        List<Decoded> rejected = new ArrayList<>();
        List<RuntimeException> errors = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        boolean entryByEntry = isolate;
        for (Decoded d : todo) {
            entryByEntry |= d.error() != null;
        }
        RuntimeException fastFailure = null;
        if (!entryByEntry) {
            try {
                // planned on the side thread for the whole batch: usable when all of it still applies
                for (Segment segment : planned != null && todo.size() == decoded.size() ? planned : planner.plan(todo)) {
                    segment.applying().write(pool, statements);
                    applied.add(segment);
                }
            } catch (RuntimeException e) {
                if (SqlFailures.isTransient(e)) {
                    // which entry failed is only known entry by entry: the retry goes that way
                    isolate = threshold > 0 && SqlFailures.isEntryFailure(e);
                    throw e;
                }
                fastFailure = e;
            }
        }
        if (entryByEntry || fastFailure != null) {
            // entry by entry, each behind a savepoint, to find the ones MySQL refuses
            connection.rollback();
            applied.clear();
            offsetWritten = false;
            // the row was unlocked in between: what it says now decides again what still applies
            String now = offsets.lock(connection, fence);
            todo.removeIf(d -> OffsetTable.compareIds(d.raw().id(), now) <= 0);
            if (todo.isEmpty()) {
                connection.rollback();
                offsets.remember(now);
                return new Result(now, 0, decoded.size(), 0);
            }
            for (Decoded d : todo) {
                if (d.error() != null) {
                    rejected.add(d);
                    errors.add(d.error());
                    attempts.add(1);
                    continue;
                }
                Exhausted spent = exhausted.get(d.raw().id());
                if (spent != null) { // its last failure ended the transaction; it is not tried again
                    rejected.add(d);
                    errors.add(new FluxaException(thresholdMessage(spent.failures(), spent.last()), spent.last()));
                    attempts.add(spent.failures());
                    continue;
                }
                Savepoint savepoint = connection.setSavepoint();
                try {
                    Segment alone = planner.plan(List.of(d)).get(0);
                    alone.applying().write(pool, statements);
                    applied.add(alone);
                    connection.releaseSavepoint(savepoint);
                } catch (RuntimeException e) {
                    boolean transientFailure = SqlFailures.isTransient(e);
                    int failed = transientFailure ? countFailure(d, e) : 1;
                    if (transientFailure && (threshold == 0 || failed < threshold)) {
                        throw e; // retried later; only failures of the entry's own kind were counted
                    }
                    try {
                        connection.rollback(savepoint);
                    } catch (SQLException gone) {
                        // a deadlock ended the transaction: the next attempt dead-letters the entry untried
                        exhausted.put(d.raw().id(), new Exhausted(failed, e));
                        throw e;
                    }
                    rejected.add(d);
                    errors.add(transientFailure ? new FluxaException(thresholdMessage(failed, e), e) : e);
                    attempts.add(failed);
                }
            }
            for (int i = 0; i < rejected.size(); i++) {
                deadLetters.write(rejected.get(i).raw(), rejected.get(i).entry(), errors.get(i), attempts.get(i));
            }
        }
        if (!offsetWritten) {
            offsets.store(connection, last, fence);
        }
        offsets.commitAndAdvance(connection, last, nextLast.get(), fence);
        isolate = false;
        failures.keySet().removeIf(id -> OffsetTable.compareIds(id, last) <= 0);
        exhausted.keySet().removeIf(id -> OffsetTable.compareIds(id, last) <= 0);
        int appliedEntries = 0;
        for (Segment segment : applied) {
            appliedEntries += segment.entries().size();
        }
        List<AsyncEntry> refused = new ArrayList<>(rejected.size());
        for (Decoded d : rejected) {
            if (d.entry() != null) {
                refused.add(d.entry());
            }
        }
        side.afterCommit(() -> afterCommit(applied, refused));
        meters.add(AsyncFlush.Counter.APPLIED, pool.code(), appliedEntries);
        meters.add(AsyncFlush.Counter.DEAD_LETTERED, pool.code(), rejected.size());
        return new Result(last, appliedEntries, decoded.size() - todo.size(), rejected.size());
    }

    /** The entries after {@code lastId}, in order ({@code decoded} is in stream order: compared up to the first newer one). */
    private static List<Decoded> after(List<Decoded> decoded, String lastId) {
        int first = 0;
        while (first < decoded.size() && OffsetTable.compareIds(decoded.get(first).raw().id(), lastId) <= 0) {
            first++;
        }
        return new ArrayList<>(decoded.subList(first, decoded.size()));
    }

    /**
     * After the commit, on the side thread: the post-commit steps of the applied segments, in order, then
     * the eviction of what immediate cache update wrote for refused entries.
     */
    private void afterCommit(List<Segment> applied, List<AsyncEntry> refused) {
        for (Segment segment : applied) {
            try {
                // Always invalidate after the commit, also for entries enqueued with immediate cache
                // update: a read between the enqueue and this commit may have filled a tier from MySQL's
                // older row, and only an invalidation that follows the commit removes it.
                segment.applying().afterCommit(true);
            } catch (RuntimeException e) {
                LOG.warn("async flush entries of MySQL pool '{}' were applied, but updating caches, search index or "
                        + "change events afterwards failed: {}", pool.code(), e.toString(), e);
            }
        }
        rejectedRows.evict(refused);
    }

    /**
     * Counts a transient failure of {@code d} tried alone: failures of the entry itself (lock wait
     * timeout, deadlock, statement timeout) count towards the threshold, lost connections never.
     * @return the failures counted so far (0 when this one does not count)
     */
    private int countFailure(Decoded d, RuntimeException e) {
        if (threshold == 0 || !SqlFailures.isEntryFailure(e)) {
            return 0;
        }
        return failures.merge(d.raw().id(), 1, Integer::sum);
    }

    private String thresholdMessage(int failed, RuntimeException last) {
        return "failed " + failed + " times with a lock wait timeout, deadlock or statement timeout"
                + " (dead-letter threshold " + threshold + "); last error: " + last.getMessage();
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed and evicted anyway; MySQL drops the open transaction
        }
    }

    static Map<String, Object> describe(AsyncEntry.Op op) {
        return Map.of("entity", op.entity(), "id", op.id(), "action", op.action().name());
    }
}
