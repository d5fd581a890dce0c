package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.benchmarks.model.entities.LocalUserEntity;
import io.fluxa.benchmarks.model.entities.LocalUserProvider;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static io.fluxa.benchmarks.JooqStack.BALANCE;
import static io.fluxa.benchmarks.JooqStack.ID;
import static io.fluxa.benchmarks.JooqStack.PLAIN;

/**
 * Updates of one column of a cached row: read it from an in-process cache, change the balance,
 * write it, update the cache. Fluxa uses its local cache, Hibernate its second-level cache; the raw,
 * jOOQ and Spring Data JDBC sides keep the rows in a Caffeine cache by hand. The peers without a cache
 * tier of their own write {@code bench_plain}, which has the same schema and data as {@code bench_local}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class UpdateBenchmarks {

    /** Load from the local cache, change one column, flush: an UPDATE plus the local cache update. */
    @Benchmark
    public Context fluxaUpdateFlush(Fixture f) {
        Context ctx = f.engine.newContext();
        LocalUserEntity e = LocalUserProvider.INSTANCE.mustGetById(ctx, f.nextId());
        e.setBalance(e.getBalance() + 1);
        ctx.flush();
        return ctx;
    }

    @Benchmark
    public UserRow rawJdbcUpdate(Fixture f) throws SQLException {
        long id = f.nextId();
        UserRow changed = changedRow(f, id);
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE `bench_local` SET `Balance` = ? WHERE `ID` = ?")) {
            ps.setDouble(1, changed.balance());
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        f.caffeine.put(id, changed);
        return changed;
    }

    /**
     * A new session and transaction, the row from the second-level cache, commit: Hibernate's dirty
     * check, an UPDATE of every column (Hibernate's default) and the cache update.
     */
    @Benchmark
    public HibernateCachedUser hibernateUpdateL2(Fixture f, HibernateStack h) {
        return hibernateUpdate(h, HibernateCachedUser.class, f.nextId());
    }

    /** As {@link #hibernateUpdateL2} without a cache: the row comes from a SELECT. */
    @Benchmark
    public HibernateUser hibernateUpdateMySql(Fixture f, HibernateStack h) {
        return hibernateUpdate(h, HibernateUser.class, f.nextId());
    }

    private static <T extends HibernateUserColumns> T hibernateUpdate(HibernateStack h, Class<T> type, long id) {
        try (Session session = h.sessionFactory.openSession()) {
            Transaction tx = session.beginTransaction();
            T user = session.find(type, id);
            user.setBalance(user.getBalance() + 1);
            tx.commit();
            return user;
        }
    }

    @Benchmark
    public UserRow jooqUpdate(Fixture f, JooqStack j) {
        long id = f.nextId();
        UserRow changed = changedRow(f, id);
        j.dsl.update(PLAIN).set(BALANCE, changed.balance()).where(ID.eq(id)).execute();
        f.caffeine.put(id, changed);
        return changed;
    }

    /** The repository's {@code save}: an UPDATE of every column in the repository's transaction. */
    @Benchmark
    public SpringDataUser springDataUpdate(Fixture f, SpringDataStack s) {
        long id = f.nextId();
        UserRow changed = changedRow(f, id);
        SpringDataUser saved = s.repository.save(
                new SpringDataUser(id, changed.name(), changed.email(), changed.age(), changed.balance()));
        f.caffeine.put(id, changed);
        return saved;
    }

    private static UserRow changedRow(Fixture f, long id) {
        UserRow row = f.caffeine.getIfPresent(id);
        return new UserRow(id, row.name(), row.email(), row.age(), row.balance() + 1);
    }
}
