package io.fluxa.benchmarks;

import io.fluxa.Context;
import io.fluxa.Pager;
import io.fluxa.Where;
import io.fluxa.benchmarks.model.entities.LocalUserEntity;
import io.fluxa.benchmarks.model.entities.LocalUserProvider;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserProvider;
import io.fluxa.benchmarks.model.entities.RedisUserEntity;
import io.fluxa.benchmarks.model.entities.RedisUserProvider;
import org.hibernate.BatchSize;
import org.hibernate.Session;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.fluxa.benchmarks.JooqStack.AGE;
import static io.fluxa.benchmarks.JooqStack.BALANCE;
import static io.fluxa.benchmarks.JooqStack.EMAIL;
import static io.fluxa.benchmarks.JooqStack.ID;
import static io.fluxa.benchmarks.JooqStack.NAME;
import static io.fluxa.benchmarks.JooqStack.PLAIN;
import static io.fluxa.benchmarks.JooqStack.TO_ROW;

/**
 * Reads: each Fluxa benchmark next to the raw client and the peer ORMs doing the same work. Every
 * Fluxa read except the context-cache one uses a new context, so it really goes to the tier named;
 * likewise every Hibernate read opens a new session (an empty persistence context).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ReadBenchmarks {

    private Context sharedContext;
    private long[] hundredIds;
    private List<Long> hundredIdList;

    @Setup(Level.Iteration)
    public void newSharedContext(Fixture f) {
        sharedContext = f.engine.newContext();
        hundredIds = new long[100];
        for (int i = 0; i < 100; i++) {
            hundredIds[i] = f.nextId();
        }
        hundredIdList = Arrays.stream(hundredIds).boxed().toList();
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

    /** The command Fluxa's Redis tier sends: one HGETALL of a hash with a msgpack value per column. */
    @Benchmark
    public UserRow rawLettuceHGetAll(Fixture f) {
        long id = f.nextId();
        return UserRow.unpackFields(id, f.redis.sync().hgetall(Fixture.RAW_HASH_PREFIX + id));
    }

    @Benchmark
    public HibernateCachedUser hibernateGetByIdL2Hit(Fixture f, HibernateStack h) {
        try (Session session = h.sessionFactory.openSession()) {
            return session.find(HibernateCachedUser.class, f.nextId());
        }
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
    public HibernateUser hibernateGetByIdMySql(Fixture f, HibernateStack h) {
        try (Session session = h.sessionFactory.openSession()) {
            return session.find(HibernateUser.class, f.nextId());
        }
    }

    @Benchmark
    public UserRow jooqGetById(Fixture f, JooqStack j) {
        return j.dsl.select(ID, NAME, EMAIL, AGE, BALANCE).from(PLAIN).where(ID.eq(f.nextId())).fetchSingle(TO_ROW);
    }

    @Benchmark
    public SpringDataUser springDataGetById(Fixture f, SpringDataStack s) {
        return s.repository.findById(f.nextId()).orElseThrow();
    }

    // ---- 100 rows by id ---------------------------------------------------------------------

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
            return UserRow.readAll(ps, hundredIds.length);
        }
    }

    @Benchmark
    public List<HibernateUser> hibernateGetByIds100(HibernateStack h) {
        try (Session session = h.sessionFactory.openSession()) {
            return session.findMultiple(HibernateUser.class, hundredIdList, new BatchSize(hundredIds.length));
        }
    }

    @Benchmark
    public List<UserRow> jooqGetByIds100(JooqStack j) {
        return j.dsl.select(ID, NAME, EMAIL, AGE, BALANCE).from(PLAIN).where(ID.in(hundredIdList)).fetch(TO_ROW);
    }

    @Benchmark
    public List<SpringDataUser> springDataGetByIds100(SpringDataStack s) {
        return s.repository.findAllById(hundredIdList);
    }

    // ---- search: ID > ? AND Age < 45 ORDER BY ID LIMIT 20 ----------------------------------

    @Benchmark
    public List<PlainUserEntity> fluxaSearch(Fixture f) {
        return PlainUserProvider.INSTANCE.search(f.engine.newContext(),
                Where.of("`ID` > ? AND `Age` < ?", f.nextSearchStart(), Fixture.SEARCH_MAX_AGE).orderBy("`ID`"),
                Pager.first(Fixture.SEARCH_LIMIT));
    }

    @Benchmark
    public List<UserRow> rawJdbcSearch(Fixture f) throws SQLException {
        try (Connection c = f.jdbc.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + UserRow.COLUMNS
                     + " FROM `bench_plain` WHERE `ID` > ? AND `Age` < ? ORDER BY `ID` LIMIT ?")) {
            ps.setLong(1, f.nextSearchStart());
            ps.setInt(2, Fixture.SEARCH_MAX_AGE);
            ps.setInt(3, Fixture.SEARCH_LIMIT);
            return UserRow.readAll(ps, Fixture.SEARCH_LIMIT);
        }
    }

    @Benchmark
    public List<HibernateUser> hibernateSearch(Fixture f, HibernateStack h) {
        try (Session session = h.sessionFactory.openSession()) {
            return session.createSelectionQuery(
                            "from HibernateUser where id > :start and age < :age order by id", HibernateUser.class)
                    .setParameter("start", f.nextSearchStart())
                    .setParameter("age", Fixture.SEARCH_MAX_AGE)
                    .setMaxResults(Fixture.SEARCH_LIMIT)
                    .getResultList();
        }
    }

    @Benchmark
    public List<UserRow> jooqSearch(Fixture f, JooqStack j) {
        return j.dsl.select(ID, NAME, EMAIL, AGE, BALANCE).from(PLAIN)
                .where(ID.gt(f.nextSearchStart()).and(AGE.lt(Fixture.SEARCH_MAX_AGE)))
                .orderBy(ID)
                .limit(Fixture.SEARCH_LIMIT)
                .fetch(TO_ROW);
    }

    @Benchmark
    public List<SpringDataUser> springDataSearch(Fixture f, SpringDataStack s) {
        return s.repository.findFirst20ByIdGreaterThanAndAgeLessThanOrderByIdAsc(
                f.nextSearchStart(), Fixture.SEARCH_MAX_AGE);
    }
}
