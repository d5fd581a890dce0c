package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserProvider;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.fluxa.benchmarks.JooqStack.AGE;
import static io.fluxa.benchmarks.JooqStack.BALANCE;
import static io.fluxa.benchmarks.JooqStack.EMAIL;
import static io.fluxa.benchmarks.JooqStack.ID;
import static io.fluxa.benchmarks.JooqStack.NAME;
import static io.fluxa.benchmarks.JooqStack.PLAIN;

/**
 * Inserts of new rows into {@code bench_plain}: a Fluxa flush next to JDBC and the peer ORMs. The raw,
 * jOOQ and Spring Data JDBC sides run one row as a single auto-commit statement and 100 rows as one
 * JDBC batch in a transaction; Hibernate always writes in a transaction. Fluxa's flush runs one row,
 * and up to 150 new rows of one table (one multi-row INSERT), as a single auto-commit statement.
 * Fluxa reserves ids from its Redis counter (per flush, or in blocks of {@value IdBlockEngine#BLOCK} in
 * the {@code IdBlocks} variant); the other sides assign them from a counter in memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class WriteBenchmarks {

    @Param({"1", "100"})
    public int rows;

    @Benchmark
    public Context fluxaInsertFlush(Fixture f) {
        return fluxaInsert(f, rows);
    }

    /** {@link #fluxaInsertFlush} on an engine that reserves ids in blocks ({@link IdBlockEngine}). */
    @Benchmark
    public Context fluxaInsertFlushIdBlocks(IdBlockEngine blocks) {
        return fluxaInsert(blocks.engine, rows);
    }

    /** {@code rows} new entities in a new context, one flush. */
    static Context fluxaInsert(Fixture f, int rows) {
        return fluxaInsert(f.engine, rows);
    }

    /** {@code rows} new entities in a new context of {@code engine}, one flush. */
    static Context fluxaInsert(Engine engine, int rows) {
        Context ctx = engine.newContext();
        for (int i = 0; i < rows; i++) {
            UserRow row = UserRow.inserted(0);
            PlainUserEntity e = PlainUserProvider.INSTANCE.newEntity(ctx);
            e.setName(row.name());
            e.setEmail(row.email());
            e.setAge(row.age());
            e.setBalance(row.balance());
        }
        ctx.flush();
        return ctx;
    }

    @Benchmark
    public int rawJdbcInsert(Fixture f) throws SQLException {
        return rawJdbcBatchInsert(f, rows);
    }

    /** One row: a single auto-commit INSERT; more: one JDBC batch of single-row INSERTs in a transaction. */
    static int rawJdbcBatchInsert(Fixture f, int rows) throws SQLException {
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO `bench_plain` (" + UserRow.COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?)")) {
            if (rows == 1) {
                bind(ps, UserRow.inserted(f.assignedIds.incrementAndGet()));
                return ps.executeUpdate();
            }
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                bind(ps, UserRow.inserted(f.assignedIds.incrementAndGet()));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            c.commit();
            c.setAutoCommit(true);
            return counts.length;
        }
    }

    static void bind(PreparedStatement ps, UserRow row) throws SQLException {
        bind(ps, 0, row);
    }

    /** Binds {@code row} to the five placeholders after {@code offset}. */
    static void bind(PreparedStatement ps, int offset, UserRow row) throws SQLException {
        ps.setLong(offset + 1, row.id());
        ps.setString(offset + 2, row.name());
        ps.setString(offset + 3, row.email());
        ps.setInt(offset + 4, row.age());
        ps.setDouble(offset + 5, row.balance());
    }

    /** A new session and transaction; persist, then commit flushes one JDBC batch. */
    @Benchmark
    public int hibernateInsert(Fixture f, HibernateStack h) {
        return hibernateInsert(f, h, rows);
    }

    static int hibernateInsert(Fixture f, HibernateStack h, int rows) {
        try (Session session = h.sessionFactory.openSession()) {
            Transaction tx = session.beginTransaction();
            for (int i = 0; i < rows; i++) {
                UserRow row = UserRow.inserted(f.assignedIds.incrementAndGet());
                session.persist(new HibernateUser(row.id(), row.name(), row.email(), row.age(), row.balance()));
            }
            tx.commit();
            return rows;
        }
    }

    @Benchmark
    public int jooqInsert(Fixture f, JooqStack j) {
        if (rows == 1) {
            UserRow row = UserRow.inserted(f.assignedIds.incrementAndGet());
            return j.dsl.insertInto(PLAIN, ID, NAME, EMAIL, AGE, BALANCE)
                    .values(row.id(), row.name(), row.email(), row.age(), row.balance())
                    .execute();
        }
        return j.dsl.transactionResult(tx -> {
            DSLContext dsl = tx.dsl();
            BatchBindStep batch = dsl.batch(dsl.insertInto(PLAIN, ID, NAME, EMAIL, AGE, BALANCE)
                    .values((Long) null, null, null, null, null));
            for (int i = 0; i < rows; i++) {
                UserRow row = UserRow.inserted(f.assignedIds.incrementAndGet());
                batch.bind(row.id(), row.name(), row.email(), row.age(), row.balance());
            }
            return batch.execute().length;
        });
    }

    /**
     * {@code JdbcAggregateOperations.insert}/{@code insertAll}: the repository's {@code save} would
     * issue an UPDATE for an aggregate whose id is already set.
     */
    @Benchmark
    public Object springDataInsert(Fixture f, SpringDataStack s) {
        if (rows == 1) {
            return s.aggregates.insert(springDataUser(UserRow.inserted(f.assignedIds.incrementAndGet())));
        }
        return s.transactions.execute(status -> {
            List<SpringDataUser> users = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                users.add(springDataUser(UserRow.inserted(f.assignedIds.incrementAndGet())));
            }
            return s.aggregates.insertAll(users);
        });
    }

    private static SpringDataUser springDataUser(UserRow row) {
        return new SpringDataUser(row.id(), row.name(), row.email(), row.age(), row.balance());
    }
}
