package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserProvider;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The async flush consumer applying 10 000 one-row insert entries (batches of {@link #batch} entries, 500
 * unless {@code -p batch=N} says otherwise) next to raw JDBC inserting the same rows in batches of the same
 * size, one transaction per batch. Each
 * invocation gets freshly enqueued entries and rows; only the apply is measured.
 *
 * <p>{@link #rawJdbcBatchInsertWithOffset10000} is raw JDBC plus the one statement per batch that makes
 * the consumer's batches take effect exactly once: it moves an offset row (a table of the consumer's
 * offset table's shape) in each batch's transaction, with the consumer's conditional {@code UPDATE}. It
 * is the floor for an exactly-once consumer, not a different way to do the consumer's work.
 * {@link #rawStreamReadBatchInsertWithOffset10000} adds reading the entries from the stream with raw
 * Lettuce: the floor for a consumer of this stream.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AsyncConsumeBenchmarks {

    static final int ENTRIES = 10_000;
    /** Entries per consumer batch and rows per raw batch (the consumer's default batch size unless set). */
    @Param("500")
    int batch = AsyncFlushOptions.DEFAULTS.batchSize();

    static final String OFFSET_TABLE = "bench_raw_offset";
    /** The most entries one read ahead of the floor asks for, as the consumer's. */
    static final int CHUNK_LIMIT = 2000;

    AsyncFlushConsumer consumer;
    List<UserRow> rawRows;
    /** The floor's rows: ids of their own, as the probe runs the floor and the raw batches in one round. */
    List<UserRow> floorRows;
    /** The raw offset row's position: the number of batches the offset references committed. */
    long rawOffset;
    /** The async flush stream, and the id of its last entry before this invocation's enqueue. */
    String stream;
    String enqueuedAfter;
    /** Whether this invocation's floor read the stream (its tear-down deletes it then). */
    boolean streamRead;

    @Setup(Level.Trial)
    public void setUp(Fixture f) throws SQLException {
        consumer = f.engine.asyncFlush().consumer(Registry.DEFAULT_POOL,
                AsyncFlushOptions.DEFAULTS.withBatchSize(batch));
        try (Connection c = f.jdbc.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS `" + OFFSET_TABLE + "` (`stream` VARCHAR(191) NOT NULL PRIMARY KEY, "
                    + "`last_id` VARCHAR(41) NOT NULL, `fence` BIGINT NOT NULL, `applied_at` BIGINT NOT NULL) ENGINE=InnoDB");
            s.execute("DELETE FROM `" + OFFSET_TABLE + "`");
            s.execute("INSERT INTO `" + OFFSET_TABLE + "` VALUES ('raw', '0-0', 1, 0)");
        }
        rawOffset = 0;
        stream = f.engine.asyncFlush().streamKey(Registry.DEFAULT_POOL);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        consumer.close();
    }

    /** Ten thousand one-row insert entries for the consumer, and the same number of rows for raw JDBC. */
    @Setup(Level.Invocation)
    public void enqueue(Fixture f) {
        consumer.drain();
        List<StreamMessage<String, byte[]>> last = f.redis.sync().xrevrange(stream, Range.create("-", "+"), Limit.from(1));
        enqueuedAfter = last.isEmpty() ? "0-0" : last.get(0).getId();
        for (int i = 0; i < ENTRIES; i++) {
            Context ctx = f.engine.newContext();
            UserRow row = UserRow.inserted(0);
            PlainUserEntity e = PlainUserProvider.INSTANCE.newEntity(ctx);
            e.setName(row.name());
            e.setEmail(row.email());
            e.setAge(row.age());
            e.setBalance(row.balance());
            ctx.flushAsync(false);
        }
        rawRows = newRows(f);
        floorRows = newRows(f);
        // The enqueue leaves about 68 MB of garbage: without this a young collection (8-10 ms here) lands
        // in whichever side's shot fills the young generation, most often the consumer's, which allocates
        // more (14 MB a drain, against 6 MB for the raw batches). The AlternatingProbe runs this set-up too.
        System.gc();
    }

    @Benchmark
    public int fluxaConsume10000() {
        return consumer.drain();
    }

    @Benchmark
    public int rawJdbcBatchInsert10000(Fixture f) throws SQLException {
        int written = 0;
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO `bench_plain` (" + UserRow.COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int from = 0; from < ENTRIES; from += batch) {
                addBatch(ps, rawRows, from, batch);
                written += ps.executeBatch().length;
                c.commit();
            }
            c.setAutoCommit(true);
        }
        return written;
    }

    @Benchmark
    public int rawJdbcBatchInsertWithOffset10000(Fixture f) throws SQLException {
        int written = 0;
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement offset = c.prepareStatement("UPDATE `" + OFFSET_TABLE + "` SET `last_id` = ?, `fence` = ?, "
                     + "`applied_at` = ? WHERE `stream` = ? AND `last_id` = ? AND `fence` <= ?");
             PreparedStatement ps = c.prepareStatement("INSERT INTO `bench_plain` (" + UserRow.COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int from = 0; from < ENTRIES; from += batch) {
                moveOffset(offset);
                addBatch(ps, rawRows, from, batch);
                written += ps.executeBatch().length;
                c.commit();
            }
            c.setAutoCommit(true);
        }
        return written;
    }

    /**
     * The floor of a consumer that reads this stream and applies its entries exactly once, in raw
     * clients: the entries Fluxa's enqueue wrote, read with raw Lettuce {@code XREAD}s as the consumer
     * reads them (one batch first, then chunks of up to four batches and {@value #CHUNK_LIMIT} entries,
     * each asked for while MySQL applies the chunk before), and one raw row inserted per entry read, in
     * batches of the same size. Each batch's transaction moves the offset row; from the second batch on
     * its {@code UPDATE} goes with the previous batch's {@code COMMIT} in one statement batch, as the
     * consumer sends it. What it leaves out of the consumer's work: decoding the entries (the rows were
     * built before), the post-commit step, trimming the stream and the lease. It reads the entries
     * without removing them; the invocation's tear-down deletes the stream.
     */
    @Benchmark
    public int rawStreamReadBatchInsertWithOffset10000(Fixture f) throws Exception {
        RedisAsyncCommands<String, byte[]> redis = f.redis.async();
        streamRead = true;
        List<StreamMessage<String, byte[]>> read = redis.xread(XReadArgs.Builder.count(batch),
                XReadArgs.StreamOffset.from(stream, enqueuedAfter)).get(10, TimeUnit.SECONDS);
        int chunk = Math.max(batch, Math.min(batch * 4, CHUNK_LIMIT));
        int written = 0;
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement offset = c.prepareStatement("UPDATE `" + OFFSET_TABLE + "` SET `last_id` = ?, `fence` = ?, "
                     + "`applied_at` = ? WHERE `stream` = ? AND `last_id` = ? AND `fence` <= ?");
             PreparedStatement ps = c.prepareStatement("INSERT INTO `bench_plain` (" + UserRow.COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?)");
             Statement commitAndMove = c.createStatement()) {
            c.setAutoCommit(false);
            moveOffset(offset); // the first batch moves the row in a round trip of its own, as the consumer's does
            while (!read.isEmpty()) {
                RedisFuture<List<StreamMessage<String, byte[]>>> ahead = redis.xread(XReadArgs.Builder.count(chunk),
                        XReadArgs.StreamOffset.from(stream, read.get(read.size() - 1).getId()));
                for (int from = 0; from < read.size(); from += batch) {
                    int rows = Math.min(batch, read.size() - from);
                    addBatch(ps, floorRows, written, rows);
                    written += ps.executeBatch().length;
                    if (written == ENTRIES) {
                        c.commit();
                        continue;
                    }
                    commitAndMove.addBatch("COMMIT");
                    commitAndMove.addBatch("UPDATE `" + OFFSET_TABLE + "` SET `last_id` = '" + (rawOffset + 1)
                            + "-0', `fence` = 1, `applied_at` = " + System.currentTimeMillis()
                            + " WHERE `stream` = 'raw' AND `last_id` = '" + rawOffset + "-0' AND `fence` <= 1");
                    if (commitAndMove.executeBatch()[1] != 1) {
                        throw new IllegalStateException("the raw offset row is not at " + rawOffset);
                    }
                    rawOffset++;
                }
                read = ahead.get(10, TimeUnit.SECONDS);
            }
            c.setAutoCommit(true);
        }
        if (written != ENTRIES) {
            throw new IllegalStateException("read " + written + " entries from " + stream + ", expected " + ENTRIES);
        }
        return written;
    }

    /** Deletes the stream the floor read (its entries are not for the consumer). */
    @TearDown(Level.Invocation)
    public void dropReadStream(Fixture f) {
        if (streamRead) {
            f.redis.sync().del(stream);
            streamRead = false;
        }
    }

    private static List<UserRow> newRows(Fixture f) {
        List<UserRow> rows = new ArrayList<>(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            rows.add(UserRow.inserted(f.assignedIds.incrementAndGet()));
        }
        return rows;
    }

    /** Moves the raw offset row one batch on, as the first statement of a batch's transaction. */
    private void moveOffset(PreparedStatement offset) throws SQLException {
        offset.setString(1, (rawOffset + 1) + "-0");
        offset.setLong(2, 1);
        offset.setLong(3, System.currentTimeMillis());
        offset.setString(4, "raw");
        offset.setString(5, rawOffset + "-0");
        offset.setLong(6, 1);
        if (offset.executeUpdate() != 1) {
            throw new IllegalStateException("the raw offset row is not at " + rawOffset);
        }
        rawOffset++;
    }

    /** Binds {@code count} rows of {@code rows} from {@code from} on (fewer at the end) into the insert's JDBC batch. */
    private static void addBatch(PreparedStatement ps, List<UserRow> rows, int from, int count) throws SQLException {
        for (int i = from; i < Math.min(ENTRIES, from + count); i++) {
            UserRow row = rows.get(i);
            ps.setLong(1, row.id());
            ps.setString(2, row.name());
            ps.setString(3, row.email());
            ps.setInt(4, row.age());
            ps.setDouble(5, row.balance());
            ps.addBatch();
        }
    }
}
