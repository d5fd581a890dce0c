package io.fluxa.async;

import io.fluxa.Engine;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The async flush of one engine ({@link Engine#asyncFlush()}): consumers that apply what
 * {@code Context.flushAsync} enqueued, their statistics and the dead letters. One stream per MySQL
 * pool, in the Redis pool {@code default}.
 */
public final class AsyncFlush {

    /** The running totals kept per MySQL pool. */
    public enum Counter { ENQUEUED, APPLIED, RETRIED, DEAD_LETTERED }

    /**
     * An entry MySQL refused for good.
     *
     * @param id the id in the dead-letter stream (for {@link #redrive})
     * @param sourceId the entry's id in the pool's stream
     * @param error the SQL error
     * @param operations the entry's operations, e.g. {@code INSERT Product 12, UPDATE Category 3}
     * @param timeMillis when it was dead-lettered
     * @param attempts the failed attempts that led here: 1 for a permanent failure (duplicate key …), the
     *     dead-letter threshold for an entry that kept failing with a lock wait timeout, deadlock or
     *     statement timeout
     */
    public record DeadLetter(String pool, String id, String sourceId, String error, String operations,
                             long timeMillis, int attempts) {
    }

    /**
     * The state of one pool's async flushes.
     *
     * @param lastApplied the id of the last entry applied to MySQL ("0-0": none)
     * @param lagEntries entries in the stream not applied yet
     * @param lagSeconds age of the oldest entry not applied yet (0 when none)
     * @param deadLetters entries in the dead-letter stream
     */
    public record Stats(String pool, String lastApplied, long lagEntries, double lagSeconds, long deadLetters) {
    }

    private static final int NO_SUCH_TABLE = 1146;

    private final Engine engine;
    private final Supplier<FlushExecutor> executor;
    private final RejectedRows rejectedRows;
    private final AsyncMeters meters = new AsyncMeters();
    private final AsyncProducer producer = new AsyncProducer(meters);

    /**
     * Made by the engine; {@code executor} gives its flush executor, {@code channel} its local cache
     * channel to the other instances (null while it has none).
     */
    public AsyncFlush(Engine engine, Supplier<FlushExecutor> executor, Supplier<LocalCacheChannel> channel) {
        this.engine = engine;
        this.executor = executor;
        this.rejectedRows = new RejectedRows(engine, executor, channel);
    }

    /** What the engine's flush executor hands {@code flushAsync} plans to. */
    public FlushExecutor.AsyncSink sink() {
        return producer;
    }

    /**
     * A consumer of MySQL pool {@code mysqlPool}'s stream (not started: {@link AsyncFlushConsumer#start()}
     * runs it on a thread of its own, {@link AsyncFlushConsumer#drain()} applies what is there now).
     */
    public AsyncFlushConsumer consumer(String mysqlPool, AsyncFlushOptions options) {
        RedisPool redis = AsyncKeys.redis(engine);
        AsyncApplier applier = new AsyncApplier(engine, executor.get(), engine.db(mysqlPool), redis, meters,
                rejectedRows, options.deadLetterThreshold());
        return new AsyncFlushConsumer(engine, applier, redis, mysqlPool, options, meters);
    }

    /** The running total of {@code counter} for {@code mysqlPool} since the engine started. */
    public long count(Counter counter, String mysqlPool) {
        return meters.get(counter, mysqlPool);
    }

    public Stats stats(String mysqlPool) {
        RedisPool redis = AsyncKeys.redis(engine);
        String stream = streamKey(mysqlPool);
        String last;
        try (Connection connection = engine.db(mysqlPool).dataSource().getConnection()) {
            last = OffsetTable.read(connection, stream).lastId();
        } catch (SQLException e) {
            if (e.getErrorCode() != NO_SUCH_TABLE) {
                throw new io.fluxa.FluxaException("cannot read the async flush offset of MySQL pool '" + mysqlPool
                    + "': " + e.getMessage(), e);
            }
            last = "0-0"; // no consumer ran yet
        }
        long length = redis.submit("XLEN", stream, lettuce -> lettuce.xlen(stream)).await();
        long done = appliedInStream(redis, stream, last);
        Range<String> after = Range.from(Range.Boundary.excluding(last), Range.Boundary.unbounded());
        List<StreamMessage<String, byte[]>> next = redis.submit("XRANGE", stream,
                lettuce -> lettuce.xrange(stream, after, Limit.from(1))).await();
        double lagSeconds = next.isEmpty() ? 0
                : Math.max(0, System.currentTimeMillis() - millis(next.get(0).getId())) / 1000.0;
        return new Stats(mysqlPool, last, Math.max(0, length - done), lagSeconds,
                new DeadLetterWriter(redis, engine.db(mysqlPool)).count());
    }

    /**
     * The applied entries still in the stream (up to and including {@code last}), counted a page at a
     * time: the consumer trims them every few batches ({@link AsyncFlushConsumer#TRIM_EVERY}), so there
     * may be a few thousand.
     */
    private static long appliedInStream(RedisPool redis, String stream, String last) {
        int page = 1000;
        long done = 0;
        Range.Boundary<String> from = Range.Boundary.unbounded();
        while (true) {
            Range<String> range = Range.from(from, Range.Boundary.including(last));
            List<StreamMessage<String, byte[]>> entries = redis.submit("XRANGE", stream,
                    lettuce -> lettuce.xrange(stream, range, Limit.from(page))).await();
            done += entries.size();
            if (entries.size() < page) {
                return done;
            }
            from = Range.Boundary.excluding(entries.get(entries.size() - 1).getId());
        }
    }

    /** Up to {@code limit} dead letters of {@code mysqlPool}, oldest first. */
    public List<DeadLetter> deadLetters(String mysqlPool, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is " + limit + "; expected at least 1");
        }
        return new DeadLetterWriter(AsyncKeys.redis(engine), engine.db(mysqlPool)).list(limit);
    }

    /**
     * Puts a dead letter back at the end of its pool's stream (after the cause was fixed); it applies
     * after the entries already waiting. Returns false when no such dead letter exists.
     */
    public boolean redrive(String mysqlPool, String deadLetterId) {
        return new DeadLetterWriter(AsyncKeys.redis(engine), engine.db(mysqlPool)).redrive(deadLetterId);
    }

    /** The Redis key of MySQL pool {@code mysqlPool}'s stream: {@code fluxa:async:{<pool>:<database>}}. */
    public String streamKey(String mysqlPool) {
        return AsyncKeys.stream(AsyncKeys.redis(engine), engine.db(mysqlPool));
    }

    static long millis(String entryId) {
        return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    }
}
