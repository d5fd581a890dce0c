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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The async flush consumer applying 10 000 one-row insert entries (batches of {@value #BATCH}) next to
 * raw JDBC inserting the same rows in batches of the same size, one transaction per batch. Each
 * invocation gets freshly enqueued entries and rows; only the apply is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AsyncConsumeBenchmarks {

    static final int ENTRIES = 10_000;
    static final int BATCH = 500;

    AsyncFlushConsumer consumer;
    List<UserRow> rawRows;

    @Setup(Level.Trial)
    public void setUp(Fixture f) {
        consumer = f.engine.asyncFlush().consumer(Registry.DEFAULT_POOL,
                AsyncFlushOptions.DEFAULTS.withBatchSize(BATCH));
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
            for (int from = 0; from < ENTRIES; from += BATCH) {
                for (int i = from; i < from + BATCH; i++) {
                    UserRow row = rawRows.get(i);
                    ps.setLong(1, row.id());
                    ps.setString(2, row.name());
                    ps.setString(3, row.email());
                    ps.setInt(4, row.age());
                    ps.setDouble(5, row.balance());
                    ps.addBatch();
                }
                written += ps.executeBatch().length;
                c.commit();
            }
            c.setAutoCommit(true);
        }
        return written;
    }
}
