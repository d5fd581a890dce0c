package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserProvider;
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

    AsyncFlushConsumer consumer;
    List<UserRow> rawRows;
    /** The raw offset row's position: the number of batches the offset reference committed. */
    long rawOffset;

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
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        consumer.close();
    }

    /** Ten thousand one-row insert entries for the consumer, and the same number of rows for raw JDBC. */
    @Setup(Level.Invocation)
    public void enqueue(Fixture f) {
        consumer.drain();
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
        rawRows = new ArrayList<>(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            rawRows.add(UserRow.inserted(f.assignedIds.incrementAndGet()));
        }
        // The enqueue leaves about 68 MB of garbage: without this a young collection (8-10 ms here) lands
        // in whichever side's shot fills the young generation, most often the consumer's, which allocates
        // more (14 MB a drain, against 6 MB for the raw batches). The AlternatingProbe does the same.
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
                addBatch(ps, from);
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
                offset.setString(1, (rawOffset + 1) + "-0");
                offset.setLong(2, 1);
                offset.setLong(3, System.currentTimeMillis());
                offset.setString(4, "raw");
                offset.setString(5, rawOffset + "-0");
                offset.setLong(6, 1);
                if (offset.executeUpdate() != 1) {
                    throw new IllegalStateException("the raw offset row is not at " + rawOffset);
                }
                addBatch(ps, from);
                written += ps.executeBatch().length;
                c.commit();
                rawOffset++;
            }
            c.setAutoCommit(true);
        }
        return written;
    }

    /** Binds the raw rows of the batch starting at {@code from} into the insert's JDBC batch. */
    private void addBatch(PreparedStatement ps, int from) throws SQLException {
        for (int i = from; i < Math.min(ENTRIES, from + batch); i++) {
            UserRow row = rawRows.get(i);
            ps.setLong(1, row.id());
            ps.setString(2, row.name());
            ps.setString(3, row.email());
            ps.setInt(4, row.age());
            ps.setDouble(5, row.balance());
            ps.addBatch();
        }
    }
}
