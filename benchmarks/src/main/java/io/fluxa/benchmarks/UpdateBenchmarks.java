package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.benchmarks.model.entities.LocalUserEntity;
import io.fluxa.benchmarks.model.entities.LocalUserProvider;
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

/** Updates of one column of a locally cached row: Fluxa's flush next to JDBC plus a Caffeine put. */
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
        UserRow row = f.caffeine.getIfPresent(id);
        UserRow changed = new UserRow(id, row.name(), row.email(), row.age(), row.balance() + 1);
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE `bench_local` SET `Balance` = ? WHERE `ID` = ?")) {
            ps.setDouble(1, changed.balance());
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        f.caffeine.put(id, changed);
        return changed;
    }
}
