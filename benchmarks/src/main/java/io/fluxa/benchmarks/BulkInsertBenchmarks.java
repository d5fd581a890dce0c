package io.fluxa.benchmarks;

import io.fluxa.Context;
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

/**
 * Inserts of {@code rows} (10 000) new rows into {@code bench_plain} in one go: a Fluxa flush next to
 * the two ways raw JDBC can send them — one JDBC batch of single-row INSERTs (MariaDB Connector/J sends
 * it with its bulk protocol) and one multi-row {@code INSERT … VALUES (…), (…), …} statement — and
 * Hibernate (persist every entity, commit: JDBC batches of 100). Every side writes in one transaction.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class BulkInsertBenchmarks {

    /** Rows per multi-row INSERT: 5 placeholders each stays below MySQL's 65 535 per statement. */
    static final int MULTI_ROW_CHUNK = 10_000;

    @Param({"10000"})
    public int rows;

    @Benchmark
    public Context fluxaInsertFlush(Fixture f) {
        return WriteBenchmarks.fluxaInsert(f, rows);
    }

    @Benchmark
    public Context fluxaInsertFlushIdBlocks(IdBlockEngine blocks) {
        return WriteBenchmarks.fluxaInsert(blocks.engine, rows);
    }

    @Benchmark
    public int rawJdbcInsert(Fixture f) throws SQLException {
        return WriteBenchmarks.rawJdbcBatchInsert(f, rows);
    }

    /** The rows as multi-row INSERT text ({@value #MULTI_ROW_CHUNK} rows per statement) in one transaction. */
    @Benchmark
    public int rawJdbcMultiRowInsert(Fixture f) throws SQLException {
        int written = 0;
        try (Connection c = f.jdbc.getConnection()) {
            c.setAutoCommit(false);
            for (int from = 0; from < rows; from += MULTI_ROW_CHUNK) {
                int chunk = Math.min(MULTI_ROW_CHUNK, rows - from);
                try (PreparedStatement ps = c.prepareStatement(multiRowInsert(chunk))) {
                    for (int i = 0; i < chunk; i++) {
                        WriteBenchmarks.bind(ps, i * 5, UserRow.inserted(f.assignedIds.incrementAndGet()));
                    }
                    written += ps.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
        }
        return written;
    }

    private static String multiRowInsert(int rows) {
        StringBuilder sql = new StringBuilder(64 + rows * 16)
                .append("INSERT INTO `bench_plain` (").append(UserRow.COLUMNS).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    @Benchmark
    public int hibernateInsert(Fixture f, HibernateStack h) {
        return WriteBenchmarks.hibernateInsert(f, h, rows);
    }
}
