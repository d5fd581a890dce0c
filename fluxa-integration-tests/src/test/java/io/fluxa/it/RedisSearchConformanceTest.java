package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.DuplicateKeyException;
import io.fluxa.FluxaException;
import io.fluxa.Pager;
import io.fluxa.SearchResult;
import io.fluxa.Where;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ListingEntity;
import io.fluxa.it.model.entities.ListingProvider;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.model.entities.enums.ListingStatus;
import io.fluxa.it.model.entities.enums.ListingTags;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.it.support.RandomListings;
import io.fluxa.redis.RedisPool;
import io.fluxa.search.RedisSearchWhere;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.fluxa.search.RedisSearchWhere.and;
import static io.fluxa.search.RedisSearchWhere.not;
import static io.fluxa.search.RedisSearchWhere.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The native Redis search answers exactly what the equivalent MySQL search answers (ids, order and
 * totals) over 10 000 random rows and hundreds of random queries, and its index holds exactly the live
 * rows after random inserts, updates, deletes, soft deletes and failed flushes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSearchConformanceTest extends OrmTestBase {

    private static final ListingProvider LISTINGS = ListingProvider.INSTANCE;
    private static final String[] BRANDS = {"acme", "bolt", "crane", "delta", "ember", "fjord", "gale", "helix",
            "iris", "jade", "kite", "lumen"};
    private static final String[] SORTABLE = {"Rank", "Stock", "Price", "Status", "Active", "ListedOn", "SeenAt"};

    private final Random random = new Random(20261203L);
    private final List<Long> categories = new ArrayList<>();
    private int codes;

    /** A condition in both forms. */
    private record Pair(RedisSearchWhere redis, String sql, List<Object> params) {
    }

    @Test
    @Order(1)
    void randomQueriesAnswerLikeMySql() {
        Context setup = context();
        for (int i = 0; i < 5; i++) {
            CategoryEntity category = CategoryProvider.INSTANCE.newEntity(setup);
            category.setCode("c" + i);
            category.setName("Category " + i);
        }
        setup.flush();
        for (CategoryEntity c : CategoryProvider.INSTANCE.search(context(), null, null)) {
            categories.add(c.getId());
        }
        insertRows(5_000);
        // the first query finds no index and builds it from MySQL
        assertThat(LISTINGS.redisSearchCount(context(), RedisSearchWhere.all())).isEqualTo(mysqlLiveIds().size());
        insertRows(5_000); // these are indexed by the flushes
        softDeleteSome(300);
        compareRandomQueries(300);
    }

    @Test
    @Order(2)
    void indexHoldsExactlyTheLiveRowsAfterRandomChanges() {
        randomChanges(250);
        assertIndexMatchesMySql();
        compareRandomQueries(60);
    }

    @Test
    @Order(3)
    void reindexWhileFlushesRunKeepsEveryChange() throws Exception {
        long before = activeVersion();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Long> reindex = executor.submit(() -> LISTINGS.redisReindex(runtime.engine()));
            randomChanges(120);
            assertThat(reindex.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            executor.shutdownNow();
        }
        assertThat(activeVersion()).isGreaterThan(before);
        assertIndexMatchesMySql();
        compareRandomQueries(40);
    }

    private void randomChanges(int steps) {
        for (int step = 0; step < steps; step++) {
            int kind = random.nextInt(7);
            Context ctx = context();
            switch (kind) {
                case 0 -> {
                    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                        fill(LISTINGS.newEntity(ctx));
                    }
                    ctx.flush();
                }
                case 1, 2 -> {
                    for (ListingEntity e : LISTINGS.getByIds(ctx, randomLiveIds(1 + random.nextInt(3)))) {
                        changeSome(e);
                    }
                    ctx.flush();
                }
                case 3 -> {
                    LISTINGS.getByIds(ctx, randomLiveIds(1)).forEach(ListingEntity::delete); // soft delete
                    ctx.flush();
                }
                case 4 -> {
                    LISTINGS.getByIds(ctx, randomLiveIds(1)).forEach(ListingEntity::forceDelete);
                    ctx.flush();
                }
                case 5 -> {
                    // a flush that fails: changes and a duplicate code roll back together
                    List<ListingEntity> rows = LISTINGS.getByIds(ctx, randomLiveIds(3));
                    rows.subList(1, rows.size()).forEach(this::changeSome);
                    ListingEntity duplicate = LISTINGS.newEntity(ctx);
                    fill(duplicate);
                    duplicate.setCode(rows.get(0).getCode());
                    try {
                        ctx.flush();
                        throw new AssertionError("the flush should have failed on the duplicate code");
                    } catch (DuplicateKeyException expected) {
                        ctx.clearFlush();
                    }
                }
                default -> {
                    // a context holding stale values soft-deletes a row another context changed
                    List<Long> one = randomLiveIds(1);
                    ListingEntity stale = LISTINGS.getById(ctx, one.get(0)).orElseThrow();
                    Context other = context();
                    changeSome(LISTINGS.mustGetById(other, one.get(0)));
                    other.flush();
                    stale.delete();
                    ctx.flush();
                }
            }
        }
    }

    @Test
    @Order(4)
    void reindexBuildsANewVersionAndDropsTheOldOne() {
        long before = activeVersion();
        long rows = LISTINGS.redisReindex(runtime.engine());
        assertThat(rows).isEqualTo(mysqlLiveIds().size());
        long after = activeVersion();
        assertThat(after).isNotEqualTo(before);
        assertThat(redisPool().keys(base() + before + ":*")).isEmpty();
        assertIndexMatchesMySql();

        // a changed definition (another stamp) is detected by the next query and rebuilt
        redisPool().hSet(base() + "meta", "stamp", "0000000000");
        compareRandomQueries(5);
        assertThat(activeVersion()).isGreaterThan(after);
        assertThat(redisPool().keys(base() + after + ":*")).isEmpty();
        assertIndexMatchesMySql();
    }

    @Test
    @Order(5)
    void badQueriesFailBeforeAnythingIsSent() {
        Context ctx = context();
        QueryCounter counter = count(ctx);
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, RedisSearchWhere.eq("Note", "x"), null))
                .isInstanceOf(FluxaException.class).hasMessageContaining("Note")
                .hasMessageContaining("not @Searchable");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, RedisSearchWhere.eq("Nope", 1L), null))
                .hasMessageContaining("no such column");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, RedisSearchWhere.all().sortBy("Brand", true), null))
                .hasMessageContaining("brand").hasMessageContaining("not @Sortable");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, RedisSearchWhere.eq("Rank", "ten"), null))
                .hasMessageContaining("rank").hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, RedisSearchWhere.gte("Status", "live"), null))
                .hasMessageContaining("status").hasMessageContaining("range needs an ordered column");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, RedisSearchWhere.eq("Status", "gone"), null))
                .hasMessageContaining("'gone' is not one of its values");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, RedisSearchWhere.eq("Price", null), null))
                .hasMessageContaining("isNull");
        assertThatThrownBy(() -> ProductProvider.INSTANCE.redisSearchIds(ctx, RedisSearchWhere.all(), null))
                .hasMessageContaining("Product has no @Searchable field");
        assertThat(counter.redis()).isZero();
        assertThat(counter.mysql()).isZero();
    }

    @Test
    @Order(6)
    void entitiesComeThroughGetByIdsInQueryOrder() {
        Context ctx = context();
        RedisSearchWhere where = RedisSearchWhere.gte("Rank", 50L).sortBy("Price", false);
        SearchResult<ListingEntity> page = LISTINGS.redisSearchWithCount(ctx, where, Pager.of(2, 20));
        SearchResult<Long> ids = LISTINGS.redisSearchIdsWithCount(ctx, where, Pager.of(2, 20));
        assertThat(page.total()).isEqualTo(ids.total());
        assertThat(page.rows()).extracting(ListingEntity::getId).containsExactlyElementsOf(ids.rows());
        assertThat(page.rows()).hasSize(20).allSatisfy(e -> assertThat(e.getRank()).isGreaterThanOrEqualTo(50));
        QueryCounter counter = count(ctx);
        LISTINGS.redisSearchIds(ctx, where, Pager.of(3, 20));
        assertThat(counter.redis()).isEqualTo(1);
    }

    // ---- data ---------------------------------------------------------------------------------

    private void insertRows(int count) {
        for (int done = 0; done < count; done += 1000) {
            Context ctx = context();
            for (int i = 0; i < 1000; i++) {
                fill(LISTINGS.newEntity(ctx));
            }
            ctx.flush();
        }
    }

    private void softDeleteSome(int count) {
        Context ctx = context();
        LISTINGS.getByIds(ctx, randomLiveIds(count)).forEach(ListingEntity::delete);
        ctx.flush();
    }

    private void fill(ListingEntity e) {
        e.setCode("L" + (++codes));
        RandomListings.fillSearchable(e, random, BRANDS, categories);
        e.setNote("note " + random.nextInt(1000));
    }

    private void changeSome(ListingEntity e) {
        ListingEntity template = LISTINGS.newEntity(context());
        fill(template);
        switch (random.nextInt(6)) {
            case 0 -> e.setRank(template.getRank());
            case 1 -> e.setStock(template.getStock());
            case 2 -> {
                e.setPrice(template.getPrice());
                e.setBrand(template.getBrand());
            }
            case 3 -> e.setStatus(template.getStatus());
            case 4 -> {
                e.setTags(template.getTags());
                e.setSeenAt(template.getSeenAt());
                e.setActive(!e.isActive());
            }
            default -> {
                e.setListedOn(template.getListedOn());
                e.setNote("changed");
            }
        }
    }

    private List<Long> randomLiveIds(int count) {
        List<Long> live = new ArrayList<>(mysqlLiveIds());
        List<Long> chosen = new ArrayList<>();
        for (int i = 0; i < count && !live.isEmpty(); i++) {
            chosen.add(live.remove(random.nextInt(live.size())));
        }
        return chosen;
    }

    // ---- queries ------------------------------------------------------------------------------

    private void compareRandomQueries(int count) {
        int nonEmpty = 0;
        for (int q = 0; q < count; q++) {
            Pair condition = condition(random.nextInt(3));
            String sort = random.nextInt(4) == 0 ? null : SORTABLE[random.nextInt(SORTABLE.length)];
            boolean ascending = random.nextBoolean();
            RedisSearchWhere redisWhere = sort == null ? condition.redis() : condition.redis().sortBy(sort, ascending);
            String direction = ascending ? " ASC" : " DESC";
            Where sqlWhere = Where.of(condition.sql(), condition.params().toArray())
                    .orderBy(sort == null ? "`ID`" : "`" + sort + "`" + direction + ", `ID`" + direction);
            Pager pager = random.nextInt(10) == 0 ? null : Pager.of(1 + random.nextInt(5), 1 + random.nextInt(50));
            SearchResult<Long> expected = LISTINGS.searchIdsWithCount(context(), sqlWhere, pager);
            SearchResult<Long> actual = LISTINGS.redisSearchIdsWithCount(context(), redisWhere, pager);
            assertThat(actual.total()).as("total of %s", redisWhere).isEqualTo(expected.total());
            assertThat(actual.rows()).as("ids of %s page %s", redisWhere, pager).isEqualTo(expected.rows());
            nonEmpty += actual.rows().isEmpty() ? 0 : 1;
        }
        // the random conditions must select something most of the time, or the comparison proves little
        assertThat(nonEmpty).isGreaterThan(count / 3);
    }

    private Pair condition(int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return leaf();
        }
        int kind = random.nextInt(5);
        if (kind == 0) {
            Pair part = condition(depth - 1);
            return new Pair(not(part.redis()), "NOT ((" + part.sql() + ") IS TRUE)", part.params());
        }
        Pair a = condition(depth - 1);
        Pair b = condition(depth - 1);
        List<Object> params = new ArrayList<>(a.params());
        params.addAll(b.params());
        boolean isAnd = kind <= 2;
        return new Pair(isAnd ? and(a.redis(), b.redis()) : or(a.redis(), b.redis()),
                "(" + a.sql() + (isAnd ? " AND " : " OR ") + b.sql() + ")", params);
    }

    private Pair leaf() {
        switch (random.nextInt(11)) {
            case 0:
                return numeric("Rank", random.nextInt(100) * 1L, random.nextInt(100) * 1L, false);
            case 1:
                return numeric("Stock", random.nextInt(50) * 1L, random.nextInt(50) * 1L, true);
            case 2:
                return numeric("Price", random.nextInt(20_000) / 100.0, random.nextInt(20_000) / 100.0, false);
            case 3:
                return numeric("ListedOn", LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)),
                        LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)), true);
            case 4:
                return numeric("SeenAt", Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1000) * 3600L),
                        Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1000) * 3600L), true);
            case 5:
                return numeric("Category", categories.get(random.nextInt(categories.size())),
                        categories.get(random.nextInt(categories.size())), true);
            case 6: {
                ListingStatus a = ListingStatus.values()[random.nextInt(3)];
                ListingStatus b = ListingStatus.values()[random.nextInt(3)];
                return random.nextBoolean()
                        ? new Pair(RedisSearchWhere.eq("Status", a), "`Status` = ?", List.of(a))
                        : new Pair(RedisSearchWhere.in("status", a, b.databaseValue()), "`Status` IN ?",
                                List.of(List.of(a, b)));
            }
            case 7: {
                String a = BRANDS[random.nextInt(BRANDS.length)];
                String b = BRANDS[random.nextInt(BRANDS.length)];
                return switch (random.nextInt(3)) {
                    case 0 -> new Pair(RedisSearchWhere.eq("Brand", a), "`Brand` = ?", List.of(a));
                    case 1 -> new Pair(RedisSearchWhere.in("Brand", List.of(a, b)), "`Brand` IN ?",
                            List.of(List.of(a, b)));
                    default -> new Pair(RedisSearchWhere.isNull("Brand"), "`Brand` IS NULL", List.of());
                };
            }
            case 8: {
                boolean value = random.nextBoolean();
                return new Pair(RedisSearchWhere.eq("active", value), "`Active` = ?", List.of(value));
            }
            case 9: {
                ListingTags a = ListingTags.values()[random.nextInt(3)];
                ListingTags b = ListingTags.values()[random.nextInt(3)];
                return random.nextBoolean()
                        ? new Pair(RedisSearchWhere.eq("Tags", a), "FIND_IN_SET(?, `Tags`) > 0",
                                List.of(a.databaseValue()))
                        : new Pair(RedisSearchWhere.in("Tags", a, b),
                                "(FIND_IN_SET(?, `Tags`) > 0 OR FIND_IN_SET(?, `Tags`) > 0)",
                                List.of(a.databaseValue(), b.databaseValue()));
            }
            default:
                return random.nextInt(4) == 0 ? new Pair(RedisSearchWhere.all(), "1 = 1", List.of())
                        : new Pair(RedisSearchWhere.isNull("SeenAt"), "`SeenAt` IS NULL", List.of());
        }
    }

    /** Equality, IN, a range or IS NULL on a scored column. */
    private Pair numeric(String column, Object a, Object b, boolean nullable) {
        String c = "`" + column + "`";
        switch (random.nextInt(nullable ? 8 : 7)) {
            case 0:
                return new Pair(RedisSearchWhere.eq(column, a), c + " = ?", List.of(a));
            case 1:
                return new Pair(RedisSearchWhere.in(column, a, b), c + " IN ?", List.of(List.of(a, b)));
            case 2:
                return new Pair(RedisSearchWhere.between(column, a, b), c + " BETWEEN ? AND ?", List.of(a, b));
            case 3:
                return new Pair(RedisSearchWhere.gte(column, a), c + " >= ?", List.of(a));
            case 4:
                return new Pair(RedisSearchWhere.gt(column, a), c + " > ?", List.of(a));
            case 5:
                return new Pair(RedisSearchWhere.lte(column, a), c + " <= ?", List.of(a));
            case 6:
                return new Pair(RedisSearchWhere.lt(column, a), c + " < ?", List.of(a));
            default:
                return new Pair(RedisSearchWhere.isNull(column), c + " IS NULL", List.of());
        }
    }

    // ---- index contents -----------------------------------------------------------------------

    private RedisPool redisPool() {
        return runtime.engine().redis("default");
    }

    private String base() {
        return redisPool().keyPrefix() + "{listings}:search:";
    }

    private long activeVersion() {
        return Long.parseLong(redisPool().hGet(base() + "meta", "active").orElseThrow());
    }

    private static String member(long id) {
        return String.format("%019d", id);
    }

    private Set<Long> mysqlLiveIds() {
        return new TreeSet<>(mysqlMap("SELECT ID, 0 FROM listings WHERE FakeDelete = 0").keySet());
    }

    /** id → the second selected column as text. */
    private Map<Long, String> mysqlMap(String sql) {
        return runtime.mysqlMap(sql);
    }

    private void assertIndexMatchesMySql() {
        String v = base() + activeVersion() + ":";
        RedisPool redis = redisPool();
        Set<String> all = new TreeSet<>(redis.zRange(v + "all", 0, -1));
        Set<String> live = new TreeSet<>();
        mysqlLiveIds().forEach(id -> live.add(member(id)));
        assertThat(all).isEqualTo(live);
        String liveOnly = " FROM listings WHERE FakeDelete = 0";
        Map<String, String> scored = Map.of(
                "Rank", "Rank", "Stock", "Stock", "Price", "Price", "Status", "Status + 0", "Active", "Active",
                "ListedOn", "TO_DAYS(ListedOn) - TO_DAYS('1970-01-01')",
                "SeenAt", "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', SeenAt)", "Category", "Category");
        for (Map.Entry<String, String> column : scored.entrySet()) {
            Map<String, Double> expected = new TreeMap<>();
            mysqlMap("SELECT ID, " + column.getValue() + liveOnly + " AND " + column.getKey() + " IS NOT NULL")
                    .forEach((id, value) -> expected.put(member(id), Double.parseDouble(value)));
            Map<String, Double> actual = new TreeMap<>();
            redis.zRangeWithScores(v + "n:" + column.getKey(), 0, -1)
                    .forEach(m -> actual.put(m.member(), m.score()));
            assertThat(actual).as("scores of %s", column.getKey()).isEqualTo(expected);
            Set<String> nulls = new TreeSet<>();
            mysqlMap("SELECT ID, 0" + liveOnly + " AND " + column.getKey() + " IS NULL").keySet()
                    .forEach(id -> nulls.add(member(id)));
            assertThat(new TreeSet<>(redis.sMembers(v + "z:" + column.getKey()))).as("NULLs of %s", column.getKey())
                    .isEqualTo(nulls);
        }
        for (String column : List.of("Brand", "Status", "Active")) {
            Map<String, Set<String>> expected = new TreeMap<>();
            mysqlMap("SELECT ID, " + column + liveOnly + " AND " + column + " IS NOT NULL")
                    .forEach((id, value) -> expected.computeIfAbsent(value, x -> new TreeSet<>()).add(member(id)));
            assertValueSets(v, column, expected);
        }
        Map<String, Set<String>> tags = new TreeMap<>();
        mysqlMap("SELECT ID, Tags" + liveOnly + " AND Tags IS NOT NULL AND Tags <> ''").forEach((id, value) -> {
            for (String tag : value.split(",")) {
                tags.computeIfAbsent(tag, x -> new TreeSet<>()).add(member(id));
            }
        });
        assertValueSets(v, "Tags", tags);
    }

    private void assertValueSets(String v, String column, Map<String, Set<String>> expected) {
        String prefix = v + "e:" + column + ":";
        Map<String, Set<String>> actual = new HashMap<>();
        for (String key : redisPool().keys(prefix + "*")) {
            actual.put(key.substring(prefix.length()), new TreeSet<>(redisPool().sMembers(key)));
        }
        assertThat(new TreeMap<>(actual)).as("value sets of %s", column).isEqualTo(expected);
    }
}
