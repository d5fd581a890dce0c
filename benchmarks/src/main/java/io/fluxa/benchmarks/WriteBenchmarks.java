package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/** Writes: Fluxa flushes next to JDBC doing the same statements in one transaction. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class WriteBenchmarks {

    @Param({"1", "100"})
    public int rows;

    @Benchmark
    public Context fluxaInsertFlush(Fixture f) {
        Context ctx = f.engine.newContext();
        for (int i = 0; i < rows; i++) {
            PlainUserEntity e = PlainUserProvider.INSTANCE.newEntity(ctx);
            e.setName("inserted");
            e.setEmail("inserted@example.com");
            e.setAge(30);
            e.setBalance(1.5);
        }
        ctx.flush();
        return ctx;
    }

    @Benchmark
    public int rawJdbcInsert(Fixture f) throws SQLException {
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO `bench_raw_insert` (" + UserRow.COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, f.rawInsertIds.incrementAndGet());
                ps.setString(2, "inserted");
                ps.setString(3, "inserted@example.com");
                ps.setInt(4, 30);
                ps.setDouble(5, 1.5);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            c.commit();
            c.setAutoCommit(true);
            return counts.length;
        }
    }
}
