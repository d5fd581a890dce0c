package io.fluxa.benchmarks;

import io.fluxa.benchmarks.model.entities.LocalUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.RedisUserEntity;
import io.lettuce.core.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every benchmark method once against the real fixture (MySQL database {@code fluxa_bench_<runId>},
 * the Redis database the test run leased) and checks that each side did the same work: the same rows read, the same rows
 * written. Measures nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameWorkTest {

    private final Fixture f = new Fixture();
    private final HibernateStack hibernate = new HibernateStack();
    private final JooqStack jooq = new JooqStack();
    private final SpringDataStack springData = new SpringDataStack();

    @BeforeAll
    void setUp() throws SQLException {
        f.setUp();
        hibernate.setUp(f);
        jooq.setUp(f);
        springData.setUp(f);
    }

    @AfterAll
    void tearDown() {
        springData.tearDown();
        hibernate.tearDown();
        f.tearDown();
    }

    @Test
    void everyGetByIdReadsTheSeededRow() throws SQLException {
        ReadBenchmarks read = new ReadBenchmarks();
        read.newSharedContext(f);
        LocalUserEntity contextHit = read.fluxaGetByIdContextHit(f);
        assertSeeded(contextHit.getId(), contextHit.getName());
        LocalUserEntity localHit = read.fluxaGetByIdLocalHit(f);
        assertSeeded(localHit.getId(), localHit.getName());
        RedisUserEntity redisHit = read.fluxaGetByIdRedisHit(f);
        assertSeeded(redisHit.getId(), redisHit.getName());
        PlainUserEntity fluxa = read.fluxaGetByIdMySql(f);
        assertSeeded(fluxa.getId(), fluxa.getName());
        for (UserRow row : List.of(read.rawHashMapGet(f), read.rawCaffeineGet(f), read.rawLettuceGet(f),
                read.rawLettuceHGetAll(f), read.rawJdbcGetById(f), read.jooqGetById(f, jooq))) {
            assertSeeded(row.id(), row.name()); // not the balance: the update test changes a few
        }
        HibernateCachedUser cached = read.hibernateGetByIdL2Hit(f, hibernate);
        assertSeeded(cached.getId(), cached.getName());
        HibernateUser plain = read.hibernateGetByIdMySql(f, hibernate);
        assertSeeded(plain.getId(), plain.getName());
        SpringDataUser springUser = read.springDataGetById(f, springData);
        assertSeeded(springUser.id(), springUser.name());
    }

    @Test
    void theLocalHitPartsFindTheSeededRows() {
        LocalHitParts parts = new LocalHitParts();
        parts.setUp(f);
        assertThat(parts.newContext(f)).isNotNull();
        assertThat(parts.localCacheLookup(f)).isInstanceOf(Object[].class);
        LocalUserEntity entity = (LocalUserEntity) parts.localCacheLookupAndEntity(f);
        assertSeeded(entity.getId(), entity.getName());
    }

    @Test
    void theSecondLevelCacheHoldsEveryCachedRowAfterWarmUp() {
        assertThat(hibernate.sessionFactory.getCache().containsEntity(HibernateCachedUser.class, 1L)).isTrue();
        assertThat(hibernate.sessionFactory.getCache().containsEntity(HibernateCachedUser.class, (long) Fixture.ROWS))
                .isTrue();
        assertThat(hibernate.sessionFactory.getCache().containsEntity(HibernateUser.class, 1L)).isFalse();
    }

    @Test
    void everyGetByIds100ReadsTheSameHundredRows() throws SQLException {
        ReadBenchmarks read = new ReadBenchmarks();
        read.newSharedContext(f);
        List<Long> expected = ids(read.rawJdbcGetByIds100(f), UserRow::id);
        assertThat(expected).hasSize(100);
        assertThat(ids(read.fluxaGetByIds100MySql(f), PlainUserEntity::getId)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ids(read.hibernateGetByIds100(hibernate), HibernateUser::getId))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ids(read.jooqGetByIds100(jooq), UserRow::id)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ids(read.springDataGetByIds100(springData), SpringDataUser::id))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyRedisBatchReadReturnsTheSameRowsAsTheRawOneFlushRead() throws Exception {
        RedisBatchBenchmarks batch = new RedisBatchBenchmarks();
        for (int ids : new int[] {100, 1_000}) {
            batch.ids = ids;
            batch.nextBatch(f);
            List<UserRow> raw = batch.rawLettuceGetOneFlush(f);
            assertThat(raw).hasSize(ids).allSatisfy(row -> assertSeeded(row.id(), row.name()));
            assertThat(batch.rawLettuceHGetAllOneFlush(f)).isEqualTo(raw);
            List<RedisUserEntity> fluxa = batch.fluxaGetByIdsRedis(f);
            assertThat(ids(fluxa, RedisUserEntity::getId)).isEqualTo(ids(raw, UserRow::id));
            assertThat(fluxa).allSatisfy(row -> assertSeeded(row.getId(), row.getName()));
        }
    }

    @Test
    void everyConcurrentReadReadsASeededRow() {
        ConcurrentReadBenchmarks concurrent = new ConcurrentReadBenchmarks();
        LocalUserEntity local = concurrent.fluxaGetByIdLocalHit16Threads(f);
        assertSeeded(local.getId(), local.getName());
        RedisUserEntity redis = concurrent.fluxaGetByIdRedisHit16Threads(f);
        assertSeeded(redis.getId(), redis.getName());
        for (UserRow row : List.of(concurrent.rawCaffeineGet16Threads(f), concurrent.rawLettuceGet16Threads(f),
                concurrent.rawLettuceHGetAll16Threads(f))) {
            assertSeeded(row.id(), row.name());
        }
    }

    @Test
    void everyMissStormReadsTheHotRowWithOneMySqlQuery() throws SQLException {
        MissStormBenchmarks storms = new MissStormBenchmarks();
        MissStormBenchmarks.StormCounters counters = new MissStormBenchmarks.StormCounters();
        storms.start();
        try {
            double localBefore = balance("bench_local", MissStormBenchmarks.HOT_ID);
            double redisBefore = balance("bench_redis", MissStormBenchmarks.HOT_ID);
            for (int i = 0; i < 5; i++) {
                assertThat(storms.fluxaLocalMissStorm16Threads(f, counters)).as("local storm " + i).isEqualTo(1);
                assertThat(storms.fluxaRedisMissStorm16Threads(f, counters)).as("Redis storm " + i).isEqualTo(1);
            }
            assertThat(counters.storms).isEqualTo(10);
            assertThat(counters.mysqlQueries).isEqualTo(10);
            // each storm flushed one change of the hot row first
            assertThat(balance("bench_local", MissStormBenchmarks.HOT_ID)).isEqualTo(localBefore + 5);
            assertThat(balance("bench_redis", MissStormBenchmarks.HOT_ID)).isEqualTo(redisBefore + 5);
        } finally {
            storms.stop();
        }
    }

    @Test
    void everySearchReturnsTheFirstTwentyMatchingRowsAfterItsStart() throws SQLException {
        ReadBenchmarks read = new ReadBenchmarks();
        long next = 4_321;
        for (Searcher side : List.<Searcher>of(
                () -> ids(read.fluxaSearch(f), PlainUserEntity::getId),
                () -> ids(read.rawJdbcSearch(f), UserRow::id),
                () -> ids(read.hibernateSearch(f, hibernate), HibernateUser::getId),
                () -> ids(read.jooqSearch(f, jooq), UserRow::id),
                () -> ids(read.springDataSearch(f, springData), SpringDataUser::id))) {
            rewindTo(next);
            List<Long> expected = new ArrayList<>();
            for (long id = next + 1; expected.size() < Fixture.SEARCH_LIMIT; id++) {
                if (UserRow.of(id).age() < Fixture.SEARCH_MAX_AGE) {
                    expected.add(id);
                }
            }
            assertThat(side.search()).isEqualTo(expected);
            next += 1_000;
        }
    }

    private interface Searcher {
        List<Long> search() throws SQLException;
    }

    @Test
    void theAlternatingProbeRunsBothSidesOfAPairAndMeasuresOnlyTheRoundsAfterTheWarmUp() throws Exception {
        for (AlternatingProbe.Pair pair : List.of(AlternatingProbe.Pair.GET_BY_ID_REDIS,
                AlternatingProbe.Pair.GET_BY_IDS_100)) {
            AlternatingProbe.Result result = AlternatingProbe.run(f, pair, 5, 2);
            assertThat(result.measured()).isEqualTo(3);
            for (AlternatingProbe.Side side : List.of(result.fluxa(), result.raw())) {
                assertThat(side.median()).isPositive();
                assertThat(side.p25()).isPositive().isLessThanOrEqualTo(side.median());
                // sides of microseconds: the probe does not read the processes' CPU around them
                assertThat(side.jvmCpuMean()).isNaN();
                assertThat(side.serverCpuMeans()).isEmpty();
                assertThat(side.toString()).doesNotContain("CPU per round");
            }
        }
        assertThat(AlternatingProbe.Pair.parse("get-by-ids-1000")).isEqualTo(AlternatingProbe.Pair.GET_BY_IDS_1000);
        assertThatThrownBy(() -> AlternatingProbe.Pair.parse("insert-2"))
                .hasMessageContaining("unknown pair 'insert-2'").hasMessageContaining("insert-1, insert-100");
        assertThatThrownBy(() -> AlternatingProbe.run(f, AlternatingProbe.Pair.INSERT_1, 3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than the rounds (3), got 3");
    }

    @Test
    void everyInsertWritesItsRows() throws SQLException {
        IdBlockEngine blocks = new IdBlockEngine();
        blocks.setUp(f);
        try {
            WriteBenchmarks write = new WriteBenchmarks();
            for (int rows : new int[] {1, 100}) {
                write.rows = rows;
                long before = count();
                write.fluxaInsertFlush(f);
                write.fluxaInsertFlushIdBlocks(blocks);
                assertThat(write.rawJdbcInsert(f)).isEqualTo(rows);
                assertThat(write.hibernateInsert(f, hibernate)).isEqualTo(rows);
                assertThat(write.jooqInsert(f, jooq)).isEqualTo(rows);
                write.springDataInsert(f, springData);
                assertThat(count()).isEqualTo(before + 6L * rows);
            }
            BulkInsertBenchmarks bulk = new BulkInsertBenchmarks();
            bulk.rows = 1_000; // the benchmark's 10 000 rows work the same way; fewer keep the build quick
            long before = count();
            bulk.fluxaInsertFlush(f);
            bulk.fluxaInsertFlushIdBlocks(blocks);
            assertThat(bulk.rawJdbcInsert(f)).isEqualTo(bulk.rows);
            assertThat(bulk.rawJdbcMultiRowInsert(f)).isEqualTo(bulk.rows);
            assertThat(bulk.hibernateInsert(f, hibernate)).isEqualTo(bulk.rows);
            assertThat(count()).isEqualTo(before + 5L * bulk.rows);
            assertThat(insertedRows()).hasSize(6 * 101 + 5 * bulk.rows)
                    .allSatisfy(row -> assertThat(row).isEqualTo(UserRow.inserted(row.id())));
        } finally {
            blocks.tearDown();
        }
    }

    @Test
    void everyUpdateAddsOneToTheBalanceInMySqlAndInItsCache() throws SQLException {
        UpdateBenchmarks update = new UpdateBenchmarks();
        ReadBenchmarks read = new ReadBenchmarks();

        rewindTo(101);
        update.fluxaUpdateFlush(f);
        assertUpdated("bench_local", 101);
        rewindTo(101);
        assertThat(read.fluxaGetByIdLocalHit(f).getBalance()).isEqualTo(UserRow.of(101).balance() + 1);

        rewindTo(102);
        update.hibernateUpdateL2(f, hibernate);
        assertUpdated("bench_local", 102);
        rewindTo(102);
        assertThat(read.hibernateGetByIdL2Hit(f, hibernate).getBalance()).isEqualTo(UserRow.of(102).balance() + 1);

        rewindTo(103);
        update.rawJdbcUpdate(f);
        assertUpdated("bench_local", 103);
        assertThat(f.caffeine.getIfPresent(103L).balance()).isEqualTo(UserRow.of(103).balance() + 1);

        rewindTo(104);
        update.hibernateUpdateMySql(f, hibernate);
        assertUpdated("bench_plain", 104);

        rewindTo(105);
        update.jooqUpdate(f, jooq);
        assertUpdated("bench_plain", 105);
        assertThat(f.caffeine.getIfPresent(105L).balance()).isEqualTo(UserRow.of(105).balance() + 1);

        rewindTo(106);
        update.springDataUpdate(f, springData);
        assertUpdated("bench_plain", 106);
        assertThat(f.caffeine.getIfPresent(106L).balance()).isEqualTo(UserRow.of(106).balance() + 1);
    }

    @Test
    void everyAsyncConsumeSideWritesTenThousandRowsAndTheOffsetReferenceMovesItsRowPerBatch() throws Exception {
        AsyncConsumeBenchmarks consume = new AsyncConsumeBenchmarks();
        consume.setUp(f);
        Set<Long> earlier = insertedIds();
        try {
            long before = count();
            consume.enqueue(f);
            assertThat(consume.fluxaConsume10000()).isEqualTo(AsyncConsumeBenchmarks.ENTRIES);
            assertThat(consume.rawJdbcBatchInsert10000(f)).isEqualTo(AsyncConsumeBenchmarks.ENTRIES);
            List<UserRow> more = new ArrayList<>();
            for (int i = 0; i < AsyncConsumeBenchmarks.ENTRIES; i++) {
                more.add(UserRow.inserted(f.assignedIds.incrementAndGet()));
            }
            consume.rawRows = more;
            assertThat(consume.rawJdbcBatchInsertWithOffset10000(f)).isEqualTo(AsyncConsumeBenchmarks.ENTRIES);
            assertThat(count()).isEqualTo(before + 3L * AsyncConsumeBenchmarks.ENTRIES);
            int batches = (AsyncConsumeBenchmarks.ENTRIES + consume.batch - 1) / consume.batch;
            assertThat(rawOffset()).isEqualTo(batches + "-0");

            // the floor reads the new entries from the stream, writes one row per entry and moves the row
            // once per batch; the entries are gone after its tear-down, so the consumer finds none
            consume.enqueue(f);
            assertThat(consume.rawStreamReadBatchInsertWithOffset10000(f)).isEqualTo(AsyncConsumeBenchmarks.ENTRIES);
            assertThat(count()).isEqualTo(before + 4L * AsyncConsumeBenchmarks.ENTRIES);
            assertThat(rawOffset()).isEqualTo(2 * batches + "-0");
            assertThat(f.redis.sync().xrange(consume.stream, Range.from(Range.Boundary.excluding(consume.enqueuedAfter),
                    Range.Boundary.unbounded()))).hasSize(AsyncConsumeBenchmarks.ENTRIES); // read, not removed
            consume.dropReadStream(f);
            assertThat(f.redis.sync().exists(consume.stream)).isZero();
            assertThat(consume.fluxaConsume10000()).isZero();
        } finally {
            consume.tearDown();
            deleteInsertedRowsExcept(earlier);
        }
    }

    /** The ids of the rows the write benchmarks inserted so far. */
    private Set<Long> insertedIds() throws SQLException {
        Set<Long> ids = new HashSet<>();
        insertedRows().forEach(row -> ids.add(row.id()));
        return ids;
    }

    /** Deletes the inserted rows but {@code earlier}: the other tests count the inserted rows. */
    private void deleteInsertedRowsExcept(Set<Long> earlier) throws SQLException {
        try (Connection c = f.jdbc.getConnection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM `bench_plain` WHERE `ID` = ?")) {
            for (UserRow row : insertedRows()) {
                if (!earlier.contains(row.id())) {
                    delete.setLong(1, row.id());
                    delete.addBatch();
                }
            }
            delete.executeBatch();
        }
    }

    @Test
    void theConsumerFloorReadsBatchesOfAnySizeAndMovesTheOffsetRowOncePerBatch() throws Exception {
        AsyncConsumeBenchmarks consume = new AsyncConsumeBenchmarks();
        consume.batch = 3_000; // a first read of one batch, then reads of one batch (3 000 > 2 000), the last one short
        consume.setUp(f);
        Set<Long> earlier = insertedIds();
        try {
            long before = count();
            consume.enqueue(f);
            assertThat(consume.rawStreamReadBatchInsertWithOffset10000(f)).isEqualTo(AsyncConsumeBenchmarks.ENTRIES);
            assertThat(count()).isEqualTo(before + AsyncConsumeBenchmarks.ENTRIES);
            assertThat(rawOffset()).isEqualTo("4-0");
            consume.dropReadStream(f);
        } finally {
            consume.tearDown();
            deleteInsertedRowsExcept(earlier);
        }
    }

    @Test
    void theAlternatingProbeReadsTheCpuOfTheJvmAndTheServersAroundLongSides() throws Exception {
        Set<Long> earlier = insertedIds();
        AlternatingProbe.Result result;
        try {
            result = AlternatingProbe.run(f, AlternatingProbe.Pair.CONSUME_FLOOR_10000, 2, 1);
        } finally {
            deleteInsertedRowsExcept(earlier);
        }
        assertThat(result.fluxa().name()).isEqualTo("floor");
        assertThat(result.toString()).contains("floor / raw");
        List<String> found = ProcessCpu.servers().stream().map(ProcessCpu::name).toList();
        for (AlternatingProbe.Side side : List.of(result.fluxa(), result.raw())) {
            assertThat(side.serverCpuMeans().keySet()).containsExactlyElementsOf(found);
            if (ProcessCpu.jvm().isPresent()) { // Linux: both sides bind 10 000 rows, MySQL writes them
                assertThat(side.jvmCpuMean()).isPositive();
                assertThat(side.toString()).contains("CPU per round, means: JVM");
                found.stream().filter(server -> !server.equals("redis-server"))
                        .forEach(mysql -> assertThat(side.serverCpuMeans().get(mysql)).isPositive());
            }
        }
        if (found.contains("redis-server")) { // the floor reads 10 000 entries from the local Redis
            assertThat(result.fluxa().serverCpuMeans().get("redis-server")).isPositive();
        }
    }

    /** Where the raw offset row of {@link AsyncConsumeBenchmarks} stands. */
    private String rawOffset() throws SQLException {
        try (Connection c = f.jdbc.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT `last_id` FROM `" + AsyncConsumeBenchmarks.OFFSET_TABLE + "`")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** Makes the next {@link Fixture#nextId()} return {@code id} (ids cycle through the seeded rows). */
    private void rewindTo(long id) {
        long previous = id == 1 ? Fixture.ROWS : id - 1;
        while (f.nextId() != previous) {
            // step round
        }
    }

    private void assertUpdated(String table, long id) throws SQLException {
        assertThat(balance(table, id)).isEqualTo(UserRow.of(id).balance() + 1);
    }

    private void assertSeeded(long id, String name) {
        assertThat(name).isEqualTo(UserRow.of(id).name());
    }

    private static <T> List<Long> ids(List<T> rows, ToLongFunction<T> id) {
        return rows.stream().map(row -> id.applyAsLong(row)).toList();
    }

    private long count() throws SQLException {
        try (Connection c = f.jdbc.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `bench_plain`")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<UserRow> insertedRows() throws SQLException {
        List<UserRow> rows = new ArrayList<>();
        try (Connection c = f.jdbc.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + UserRow.COLUMNS + " FROM `bench_plain` WHERE `ID` > ?")) {
            ps.setLong(1, Fixture.ROWS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(UserRow.read(rs));
                }
            }
        }
        return rows;
    }

    private double balance(String table, long id) throws SQLException {
        try (Connection c = f.jdbc.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT `Balance` FROM `" + table + "` WHERE `ID` = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }
}
