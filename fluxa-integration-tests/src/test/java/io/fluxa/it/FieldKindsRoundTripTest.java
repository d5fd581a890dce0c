package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.KindsEntity;
import io.fluxa.it.model.entities.KindsProvider;
import io.fluxa.it.model.entities.enums.Color;
import io.fluxa.it.model.entities.enums.KindsLetters;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field kind survives MySQL, the Redis row cache and the local cache with identical values:
 * maxima, minima, nulls, unicode, empty vs null strings, binary.
 */
class FieldKindsRoundTripTest extends OrmTestBase {

    private static final KindsProvider KINDS = KindsProvider.INSTANCE;

    @Test
    void maximaRoundTripThroughEveryTier() {
        Context ctx = context();
        CategoryEntity category = CategoryProvider.INSTANCE.newEntity(ctx);
        category.setCode("max");
        category.setName("Max");
        KindsEntity e = KINDS.newEntity(ctx);
        maxima(e, category);
        ctx.flush();
        assertEveryTierReads(e);
    }

    private static void maxima(KindsEntity e, CategoryEntity category) {
        e.setTiny(127);
        e.setTinyU(255);
        e.setSmall(32_767);
        e.setSmallU(65_535);
        e.setMedium(8_388_607);
        e.setMediumU(16_777_215);
        e.setInteger(Integer.MAX_VALUE);
        e.setIntU(4_294_967_295L);
        e.setBig(Long.MAX_VALUE);
        e.setBigU(Long.MAX_VALUE);
        e.setTinyN(127L);
        e.setIntN((long) Integer.MAX_VALUE);
        e.setBigN(Long.MAX_VALUE);
        e.setFlag(true);
        e.setFlagN(Boolean.TRUE);
        e.setRatio(3.4e38);
        e.setScore(Double.MAX_VALUE);
        // 30 digits: far beyond what a double holds exactly
        e.setBalance(new BigDecimal("99999999999999999999999999.9999"));
        e.setAmount(new BigDecimal("99999.999"));
        e.setTitle("Zażółć gęślą jaźń 🚀 — 日本語");
        e.setNote("n".repeat(255));
        e.setBody("long text ".repeat(5000));
        e.setDay(LocalDate.of(9999, 12, 31));
        e.setMoment(Instant.parse("9999-12-31T23:59:59Z"));
        e.setLocal(LocalDateTime.of(9999, 12, 31, 23, 59, 59));
        e.setData(allBytes());
        e.setColor(Color.LIGHT_BLUE);
        e.setColorN(Color.GREEN);
        e.setLetters(EnumSet.of(KindsLetters.C, KindsLetters.A));
        e.setCategory(category);
        e.setHomeCity("Kraków");
        e.setHomeCountry("PL");
        e.setAlias(0, "first");
        e.setAlias(2, "third");
    }

    @Test
    void minimaRoundTripThroughEveryTier() {
        Context ctx = context();
        KindsEntity e = KINDS.newEntity(ctx);
        minima(e);
        ctx.flush();
        assertThat(e.getTitle()).isEqualTo("");
        assertThat(e.getBody()).as("optional empty string is stored as NULL").isNull();
        assertThat(e.getLetters()).isEmpty();
        assertEveryTierReads(e);
    }

    private static void minima(KindsEntity e) {
        e.setTiny(-128);
        e.setTinyU(0);
        e.setSmall(-32_768);
        e.setSmallU(0);
        e.setMedium(-8_388_608);
        e.setMediumU(0);
        e.setInteger(Integer.MIN_VALUE);
        e.setIntU(0);
        e.setBig(Long.MIN_VALUE);
        e.setBigU(0);
        e.setTinyN(-128L);
        e.setIntN((long) Integer.MIN_VALUE);
        e.setBigN(Long.MIN_VALUE);
        e.setFlag(false);
        e.setFlagN(Boolean.FALSE);
        e.setRatio(-1.5f);
        e.setScore(-Double.MAX_VALUE);
        e.setBalance(new BigDecimal("-99999999999999999999999999.9999"));
        e.setAmount(new BigDecimal("0.001"));
        e.setTitle("");
        e.setNote("x");
        e.setBody("");
        e.setDay(LocalDate.of(1000, 1, 1));
        e.setMoment(Instant.parse("1000-01-01T00:00:00Z"));
        e.setLocal(LocalDateTime.of(1000, 1, 1, 0, 0));
        e.setData(new byte[0]);
        e.setColor(Color.RED);
        e.setLetters(EnumSet.noneOf(KindsLetters.class));
    }

    /** Several new rows of one table are one multi-row INSERT in auto-commit; every kind binds in place. */
    @Test
    void everyKindRoundTripsThroughOneMultiRowInsert() {
        Context setup = context();
        CategoryEntity category = CategoryProvider.INSTANCE.newEntity(setup);
        category.setCode("multi");
        category.setName("Multi");
        setup.flush();

        Context ctx = context();
        KindsEntity max = KINDS.newEntity(ctx);
        maxima(max, category);
        max.setBody("long text ".repeat(500));
        KindsEntity min = KINDS.newEntity(ctx);
        minima(min);
        KindsEntity nulls = KINDS.newEntity(ctx);
        QueryCounter counter = count(ctx);
        ctx.flush();
        assertThat(counter.queries(QuerySource.MYSQL)).as("one statement, no transaction").singleElement()
                .asString().startsWith("INSERT INSERT INTO `kinds` (").endsWith("),… x3");
        assertThat(min.getBody()).isNull();
        assertThat(nulls.getNote()).isNull();
        for (KindsEntity e : List.of(max, min, nulls)) {
            assertEveryTierReads(e);
        }
    }

    /** New rows whose values are too large for one statement go as a JDBC batch in a transaction. */
    @Test
    void largeRowsGoAsABatchInATransaction() {
        Context ctx = context();
        List<KindsEntity> rows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            KindsEntity e = KINDS.newEntity(ctx);
            e.setTitle("large " + i);
            e.setBody("x".repeat(20_000)); // about 60 KB of statement text each
            rows.add(e);
        }
        QueryCounter counter = count(ctx);
        ctx.flush();
        assertThat(counter.queries(QuerySource.MYSQL)).satisfiesExactly(
                insert -> assertThat(insert).startsWith("INSERT INSERT INTO `kinds` (").endsWith(") x2"),
                commit -> assertThat(commit).isEqualTo("COMMIT COMMIT"));
        for (KindsEntity e : rows) {
            assertEveryTierReads(e);
        }
    }

    @Test
    void nullsAndDefaultsRoundTripThroughEveryTier() {
        Context ctx = context();
        KindsEntity e = KINDS.newEntity(ctx);
        ctx.flush();
        assertThat(e.getTinyN()).isNull();
        assertThat(e.getFlagN()).isNull();
        assertThat(e.getScore()).isNull();
        assertThat(e.getNote()).isNull();
        assertThat(e.getData()).isNull();
        assertThat(e.getColorN()).isNull();
        assertThat(e.getColor()).as("a required enum defaults to its first value").isEqualTo(Color.RED);
        assertThat(e.getTitle()).isEqualTo("");
        assertThat(e.getCategoryId()).isZero();
        assertThat(e.getCategory()).isEmpty();
        assertEveryTierReads(e);
    }

    @Test
    void changedValuesRoundTripAfterUpdate() {
        Context ctx = context();
        KindsEntity e = KINDS.newEntity(ctx);
        e.setNote("before");
        e.setData(new byte[] {1, 2, 3});
        ctx.flush();
        e.setNote(null);
        e.setData(new byte[] {-1, 0, 127});
        e.setIntN(5L);
        e.setMoment(Instant.parse("2024-02-29T12:34:56.789Z"));
        ctx.flush();
        assertThat(e.getMoment()).as("datetimes keep whole seconds").isEqualTo(Instant.parse("2024-02-29T12:34:56Z"));
        assertEveryTierReads(e);
    }

    /** Reads the row from the local cache, then Redis only, then MySQL only, and compares every accessor. */
    private void assertEveryTierReads(KindsEntity expected) {
        long id = expected.getId();
        // after an update the local copy is dropped (see docs/caching.md); the first read refills it
        assertSameValues(KINDS.mustGetById(freshContext(), id), expected);
        Context fromLocal = freshContext();
        QueryCounter localCount = count(fromLocal);
        KindsEntity local = KINDS.mustGetById(fromLocal, id);
        assertThat(localCount.mysql()).isZero();
        assertThat(localCount.redis()).isZero();
        assertSameValues(local, expected);

        runtime.local().clear();
        Context fromRedis = freshContext();
        QueryCounter redisCount = count(fromRedis);
        KindsEntity redis = KINDS.mustGetById(fromRedis, id);
        assertThat(redisCount.mysql()).isZero();
        assertThat(redisCount.count(QuerySource.REDIS)).isEqualTo(1);
        assertSameValues(redis, expected);

        runtime.local().clear();
        runtime.redisConnection().sync().del(KINDS.redisKey(id));
        Context fromMySql = freshContext();
        QueryCounter mysqlCount = count(fromMySql);
        KindsEntity mysql = KINDS.mustGetById(fromMySql, id);
        assertThat(mysqlCount.mysql()).isEqualTo(1);
        assertSameValues(mysql, expected);

        // and the tiers refilled by that MySQL read hold the same values
        runtime.local().clear();
        assertSameValues(KINDS.mustGetById(freshContext(), id), expected);
    }

    static void assertSameValues(KindsEntity actual, KindsEntity expected) {
        assertThat(values(actual)).isEqualTo(values(expected));
        assertThat(actual.getData()).isEqualTo(expected.getData());
        assertThat(actual.isDirty()).isFalse();
        assertThat(actual.isNew()).isFalse();
    }

    private static List<Object> values(KindsEntity e) {
        List<Object> v = new ArrayList<>();
        v.add(e.getId());
        v.add(e.getTiny());
        v.add(e.getTinyU());
        v.add(e.getSmall());
        v.add(e.getSmallU());
        v.add(e.getMedium());
        v.add(e.getMediumU());
        v.add(e.getInteger());
        v.add(e.getIntU());
        v.add(e.getBig());
        v.add(e.getBigU());
        v.add(e.getTinyN());
        v.add(e.getIntN());
        v.add(e.getBigN());
        v.add(e.isFlag());
        v.add(e.getFlagN());
        v.add(e.getRatio());
        v.add(e.getScore());
        v.add(e.getBalance());
        v.add(e.getAmount());
        v.add(e.getTitle());
        v.add(e.getNote());
        v.add(e.getBody());
        v.add(e.getDay());
        v.add(e.getMoment());
        v.add(e.getLocal());
        v.add(e.getColor());
        v.add(e.getColorN());
        v.add(e.getLetters());
        v.add(e.getCategoryId());
        v.add(e.getHomeCity());
        v.add(e.getHomeCountry());
        v.add(e.getAlias(0));
        v.add(e.getAlias(1));
        v.add(e.getAlias(2));
        return v;
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
