package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.benchmarks.model.entities.LocalUserEntity;
import io.fluxa.benchmarks.model.entities.LocalUserProvider;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserProvider;
import io.fluxa.benchmarks.model.entities.RedisUserEntity;
import io.fluxa.benchmarks.model.entities.RedisUserProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads: each Fluxa benchmark next to the raw client doing the same work. Every Fluxa read except
 * the context-cache one uses a new context, so it really goes to the tier named.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ReadBenchmarks {

    private Context sharedContext;
    private long[] hundredIds;

    @Setup(Level.Iteration)
    public void newSharedContext(Fixture f) {
        sharedContext = f.engine.newContext();
        hundredIds = new long[100];
        for (int i = 0; i < 100; i++) {
            hundredIds[i] = f.nextId();
        }
    }

    // ---- context cache vs a HashMap ---------------------------------------------------------

    @Benchmark
    public LocalUserEntity fluxaGetByIdContextHit(Fixture f) {
        return LocalUserProvider.INSTANCE.mustGetById(sharedContext, 42);
    }

    @Benchmark
    public UserRow rawHashMapGet(Fixture f) {
        return f.hashMap.get(42L);
    }

    // ---- local cache vs Caffeine ------------------------------------------------------------

    @Benchmark
    public LocalUserEntity fluxaGetByIdLocalHit(Fixture f) {
        return LocalUserProvider.INSTANCE.mustGetById(f.engine.newContext(), f.nextId());
    }

    @Benchmark
    public UserRow rawCaffeineGet(Fixture f) {
        return f.caffeine.getIfPresent(f.nextId());
    }

    // ---- Redis vs Lettuce GET + msgpack decode ----------------------------------------------

    @Benchmark
    public RedisUserEntity fluxaGetByIdRedisHit(Fixture f) {
        return RedisUserProvider.INSTANCE.mustGetById(f.engine.newContext(), f.nextId());
    }

    @Benchmark
    public UserRow rawLettuceGet(Fixture f) {
        return UserRow.unpack(f.redis.sync().get("raw:user:" + f.nextId()));
    }

    // ---- MySQL vs JDBC ----------------------------------------------------------------------

    @Benchmark
    public PlainUserEntity fluxaGetByIdMySql(Fixture f) {
        return PlainUserProvider.INSTANCE.mustGetById(f.engine.newContext(), f.nextId());
    }

    @Benchmark
    public UserRow rawJdbcGetById(Fixture f) throws SQLException {
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT " + UserRow.COLUMNS + " FROM `bench_plain` WHERE `ID` = ?")) {
            ps.setLong(1, f.nextId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return UserRow.read(rs);
            }
        }
    }

    @Benchmark
    public List<PlainUserEntity> fluxaGetByIds100MySql(Fixture f) {
        return PlainUserProvider.INSTANCE.getByIds(f.engine.newContext(), hundredIds);
    }

    @Benchmark
    public List<UserRow> rawJdbcGetByIds100(Fixture f) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(UserRow.COLUMNS)
                .append(" FROM `bench_plain` WHERE `ID` IN (");
        for (int i = 0; i < hundredIds.length; i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(')');
        try (Connection c = f.jdbc.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < hundredIds.length; i++) {
                ps.setLong(i + 1, hundredIds[i]);
            }
            List<UserRow> rows = new ArrayList<>(hundredIds.length);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(UserRow.read(rs));
                }
            }
            return rows;
        }
    }
}
