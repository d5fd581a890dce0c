package io.fluxa.async;

import io.fluxa.PoolUnavailableException;
import io.fluxa.redis.RedisPool;
import io.fluxa.redis.SubmittedCommand;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads one async flush stream for its consumer and hands its entries out a batch at a time. A new
 * read (the consumer starts, or had caught up) asks for one batch, so MySQL starts on it at once; every
 * read after it is a read ahead of a chunk of several batches ({@link #chunkSize}), asked for as soon as
 * the entries before it arrived, so Redis answers while MySQL applies the batches in hand. Fewer, larger
 * reads cost Redis and Lettuce's event loop less than one read per batch, and while a chunk lasts the
 * batch after the current one is known without waiting ({@link #nextLast()}), so its offset move always
 * shares the current batch's commit (2026-12-05: a 10 000-entry drain in batches of 500 about 10 %
 * faster with chunks of four batches than with one read per batch; docs/benchmarks.md).
 *
 * <p>A chunk or a read ahead is used only while it follows the position the consumer gives
 * ({@link #next}): after another consumer moved the offset, or after a batch's entries were all found
 * applied already, the next batch is read anew from that position. The consumer thread only, except
 * {@link #close()}.
 */
final class BatchReader implements AutoCloseable {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Batches per read, and the most entries one read asks for when that gives more than one batch. */
    static final int BATCHES_PER_READ = 4;
    static final int CHUNK_LIMIT = 2000;
    /**
     * How long {@link #nextLast()} waits for the read ahead's reply when the chunk in hand is used up:
     * with it, the next batch's offset move shares the commit's round trip; without it, that move is a
     * round trip of its own (about as long as this wait, or longer, when MySQL is busy).
     */
    static final Duration READ_AHEAD_WAIT = Duration.ofMillis(1);

    private final RedisPool redis;
    private final String stream;
    private final int batchSize;
    private final int chunkSize;
    /** Runs before a read that does not come from the read ahead (the consumer trims applied entries then). */
    private final Runnable beforeNewRead;
    private StatefulRedisConnection<String, byte[]> connection;
    /** The entries of the last read; those from {@link #at} on are not handed out yet. */
    private List<AsyncApplier.Raw> chunk = List.of();
    private int at;
    /** The id right before {@code chunk[at]}: the remaining entries follow a position equal to it. */
    private String chunkFrom;
    /** The read of the chunk after {@link #chunk}, and the id it reads after. */
    private SubmittedCommand<List<AsyncApplier.Raw>> readAhead;
    private String readAheadFrom;

    BatchReader(RedisPool redis, String stream, int batchSize, Runnable beforeNewRead) {
        this.redis = redis;
        this.stream = stream;
        this.batchSize = batchSize;
        this.chunkSize = chunkSize(batchSize);
        this.beforeNewRead = beforeNewRead;
    }

    /** Entries per read: {@link #BATCHES_PER_READ} batches, at most {@link #CHUNK_LIMIT} entries, at least a batch. */
    static int chunkSize(int batchSize) {
        return (int) Math.max(batchSize, Math.min((long) batchSize * BATCHES_PER_READ, CHUNK_LIMIT));
    }

    /**
     * The next batch of entries after {@code position}, in stream order: from the chunk in hand when it
     * follows {@code position}, else from the read ahead, else (also when the read ahead came back
     * empty) from a new read, which waits up to {@code block} for entries. Empty when there are none.
     * A new read asks for one batch only, so MySQL starts on it sooner; the read ahead sent with it
     * fetches a whole chunk.
     */
    List<AsyncApplier.Raw> next(String position, Duration block) {
        if (at < chunk.size() && position.equals(chunkFrom)) {
            return take();
        }
        chunk = List.of();
        at = 0;
        List<AsyncApplier.Raw> read = List.of();
        SubmittedCommand<List<AsyncApplier.Raw>> ahead = readAhead;
        readAhead = null;
        if (ahead != null && position.equals(readAheadFrom)) {
            read = ahead.await();
        }
        if (read.isEmpty()) {
            beforeNewRead.run();
            read = xread(position, block, batchSize).await(block.plus(redis.commandTimeout()));
        }
        if (read.isEmpty()) {
            return read;
        }
        chunk = read;
        chunkFrom = position;
        readAheadFrom = read.get(read.size() - 1).id();
        try {
            readAhead = xread(readAheadFrom, Duration.ZERO, chunkSize);
        } catch (PoolUnavailableException e) {
            readAhead = null; // the circuit breaker is open: the read after this chunk asks again
        }
        return take();
    }

    private List<AsyncApplier.Raw> take() {
        int end = Math.min(chunk.size(), at + batchSize);
        List<AsyncApplier.Raw> batch = chunk.subList(at, end);
        at = end;
        chunkFrom = batch.get(batch.size() - 1).id();
        return batch;
    }

    /**
     * The last id of the batch {@link #next} hands out after the current one, if that batch follows it:
     * from the chunk in hand, or from the read ahead when its reply is here (waiting for it up to
     * {@link #READ_AHEAD_WAIT}); null when it is not known yet or there is none.
     */
    String nextLast() {
        if (at < chunk.size()) {
            return chunk.get(Math.min(chunk.size(), at + batchSize) - 1).id();
        }
        SubmittedCommand<List<AsyncApplier.Raw>> ahead = readAhead;
        if (ahead == null) {
            return null;
        }
        // not here in time: the next batch moves the offset row itself; failed: next() reports it
        List<AsyncApplier.Raw> entries = ahead.replyWithin(READ_AHEAD_WAIT);
        return entries == null || entries.isEmpty() ? null : entries.get(Math.min(entries.size(), batchSize) - 1).id();
    }

    /**
     * The batch {@link #next} hands out after the current one when it continues from it: from the chunk in
     * hand, or from the read ahead when its reply is already here (without waiting); else null.
     */
    List<AsyncApplier.Raw> following() {
        if (at < chunk.size()) {
            return chunk.subList(at, Math.min(chunk.size(), at + batchSize));
        }
        SubmittedCommand<List<AsyncApplier.Raw>> ahead = readAhead;
        if (ahead == null || !ahead.isDone()) {
            return null;
        }
        List<AsyncApplier.Raw> entries = ahead.replyWithin(Duration.ZERO);
        return entries == null || entries.isEmpty() ? null : entries.subList(0, Math.min(entries.size(), batchSize));
    }

    /** Whether the read ahead's reply is here (tests use it to know what Redis answered). */
    boolean readAheadReplied() {
        SubmittedCommand<List<AsyncApplier.Raw>> ahead = readAhead;
        return ahead != null && ahead.isDone();
    }

    /** Drops the chunk in hand and the read ahead (the consumer lost its lease, or another took over). */
    void forget() {
        chunk = List.of();
        at = 0;
        readAhead = null;
    }

    /**
     * {@code XREAD [BLOCK ms] COUNT count STREAMS stream from}, its reply decoded into raw entries on the
     * event loop ({@link EntriesOutput}).
     */
    private SubmittedCommand<List<AsyncApplier.Raw>> xread(String from, Duration block, int count) {
        if (connection == null) {
            connection = redis.openConnection();
        }
        CommandArgs<String, byte[]> args = new CommandArgs<>(CODEC);
        if (!block.isZero()) {
            args.add(CommandKeyword.BLOCK).add(block.toMillis());
        }
        args.add(CommandKeyword.COUNT).add(count).add("STREAMS").addKey(stream).add(from);
        return redis.submit(connection, "XREAD", stream,
                lettuce -> lettuce.dispatch(CommandType.XREAD, new EntriesOutput(CODEC), args));
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> open = connection;
        connection = null;
        if (open != null) {
            open.closeAsync().orTimeout(5, TimeUnit.SECONDS);
        }
    }
}
