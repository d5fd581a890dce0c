package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Pager;
import io.fluxa.Registry;
import io.fluxa.SearchResult;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ListingEntity;
import io.fluxa.it.model.entities.ListingProvider;
import io.fluxa.it.support.ProxiedNodeTestBase;
import io.fluxa.it.support.RandomListings;
import io.fluxa.redis.RedisPool;
import io.fluxa.search.RedisSearchWhere;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.fluxa.search.RedisSearchWhere.and;
import static io.fluxa.search.RedisSearchWhere.not;
import static io.fluxa.search.RedisSearchWhere.or;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis search while the index's Redis pool is unavailable: a node whose Redis connection runs through
 * a proxy this test cuts answers every search from MySQL (same ids, order and totals as the index),
 * its writes during the outage commit and queue their index writes, and once Redis is back the index
 * holds them: the node, another node reading the index directly, and a rebuilt index all agree.
 */
class SearchFallbackTest extends ProxiedNodeTestBase {

    private static final ListingProvider LISTINGS = ListingProvider.INSTANCE;
    private static final String[] BRANDS = {"acme", "bolt", "crane", "delta", "ember"};

    private final Random random = new Random(20261204L);
    private final List<Long> categories = new ArrayList<>();
    private int codes;

    /** One search: condition and page. */
    private record Query(RedisSearchWhere where, Pager pager) {
        @Override
        public String toString() {
            return where + (pager == null ? "" : " page " + pager.page() + "x" + pager.size());
        }
    }

    private static final List<Query> QUERIES = List.of(
            new Query(null, null),
            new Query(RedisSearchWhere.all().sortBy("Price", false), Pager.of(2, 7)),
            new Query(RedisSearchWhere.eq("Status", "live"), null),
            new Query(RedisSearchWhere.in("Brand", "acme", "delta"), null),
            new Query(RedisSearchWhere.in("Brand", List.of()), null),
            new Query(RedisSearchWhere.eq("Brand", "ACME"), null), // strings match exactly, like the index
            new Query(RedisSearchWhere.between("Price", 20, 120.5).sortBy("Rank", true), Pager.of(1, 10)),
            new Query(RedisSearchWhere.gt("Rank", 50).sortBy("Stock", false), null),
            new Query(RedisSearchWhere.lte("ListedOn", LocalDate.of(2024, 6, 1)).sortBy("ListedOn", true), null),
            new Query(RedisSearchWhere.gte("SeenAt", Instant.ofEpochSecond(1_700_000_000L + 400 * 3600L))
                    .sortBy("SeenAt", false), null),
            new Query(RedisSearchWhere.isNull("Stock").sortBy("Rank", true), null),
            new Query(RedisSearchWhere.eq("Tags", "sale"), null),
            new Query(RedisSearchWhere.in("Tags", "eco", "new").sortBy("Status", true), null),
            new Query(not(RedisSearchWhere.eq("Active", true)), null), // includes nothing NULL here, and…
            new Query(not(RedisSearchWhere.lt("Stock", 20)), null),     // …rows whose Stock is NULL
            new Query(or(and(RedisSearchWhere.eq("Active", true), RedisSearchWhere.gte("Rank", 30)),
                    RedisSearchWhere.isNull("Brand")).sortBy("Active", false), Pager.of(1, 15)),
            new Query(RedisSearchWhere.gte("Price", Double.NEGATIVE_INFINITY), null),
            new Query(RedisSearchWhere.gte("Category", 1L), null));

    private RedisPool nodeRedis() {
        return node.engine().redis(Registry.DEFAULT_POOL);
    }

    private List<SearchResult<Long>> answers(Context context) {
        List<SearchResult<Long>> answers = new ArrayList<>();
        for (Query q : QUERIES) {
            answers.add(LISTINGS.redisSearchIdsWithCount(context, q.where(), q.pager()));
        }
        return answers;
    }

    private void assertSameAnswers(List<SearchResult<Long>> actual, List<SearchResult<Long>> expected, String what) {
        for (int i = 0; i < QUERIES.size(); i++) {
            assertThat(actual.get(i).rows()).as(what + ": ids of " + QUERIES.get(i))
                    .containsExactlyElementsOf(expected.get(i).rows());
            assertThat(actual.get(i).total()).as(what + ": total of " + QUERIES.get(i))
                    .isEqualTo(expected.get(i).total());
        }
    }

    @Test
    void searchesFallBackToMySqlWhileRedisIsCutAndTheIndexIsRepairedAfterwards() {
        Context setup = context();
        for (int i = 0; i < 4; i++) {
            CategoryEntity category = CategoryProvider.INSTANCE.newEntity(setup);
            category.setCode("sf" + i);
            category.setName("Category " + i);
            categories.add(category.getId());
        }
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            ListingEntity e = LISTINGS.newEntity(setup);
            fill(e);
            created.add(e.getId());
        }
        setup.flush();
        Context soft = context();
        LISTINGS.getByIds(soft, List.of(created.get(2), created.get(8), created.get(26)))
                .forEach(ListingEntity::delete); // not in the index
        soft.flush();

        long fallbacksBefore = nodeRedis().circuitBreaker().fallbacks();
        List<SearchResult<Long>> fromIndex = answers(node.newContext());
        assertThat(nodeRedis().circuitBreaker().fallbacks()).as("Redis answered").isEqualTo(fallbacksBefore);
        assertThat(fromIndex.get(0).total()).isEqualTo(77);

        proxy.cut();
        List<SearchResult<Long>> duringOutage = answers(node.newContext());
        assertSameAnswers(duringOutage, fromIndex, "MySQL while Redis is cut");
        assertThat(nodeRedis().circuitBreaker().isOpen()).isTrue();
        assertThat(nodeRedis().circuitBreaker().fallbacks() - fallbacksBefore).isGreaterThanOrEqualTo(QUERIES.size());

        // writes while Redis is cut: they commit, and their index writes wait for Redis
        Context writes = node.newContext();
        List<ListingEntity> rows = LISTINGS.redisSearch(writes, RedisSearchWhere.all(), Pager.of(1, 30));
        for (int i = 0; i < 20; i++) {
            fill(rows.get(i));
        }
        rows.get(20).delete();             // soft delete
        rows.get(21).forceDelete();        // hard delete
        ListingEntity chosen = LISTINGS.newEntity(writes, 900_000 + random.nextInt(1000)); // no id from Redis
        fill(chosen);
        writes.flush(); // commits; no exception
        assertThat(nodeRedis().cacheRepairs().pending()).as("index writes waiting for Redis").isGreaterThanOrEqualTo(23);

        List<SearchResult<Long>> afterWrites = answers(node.newContext());
        assertThat(afterWrites.get(0).total()).as("77 - 2 deleted + 1 inserted").isEqualTo(76);
        assertThat(afterWrites.get(0).rows()).contains(chosen.getId())
                .doesNotContain(rows.get(20).getId(), rows.get(21).getId());
        List<SearchResult<Long>> staleIndex = answers(freshContext()); // the other node reads the index directly
        assertThat(staleIndex).as("the index does not know the writes yet").isNotEqualTo(afterWrites);

        proxy.restore();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (nodeRedis().circuitBreaker().isOpen() || nodeRedis().cacheRepairs().pending() > 0) {
            assertThat(System.nanoTime()).as("Redis back and the index repaired within 60 s").isLessThan(deadline);
            nodeRedis().cacheRepairs().tryRepairNow();
            Thread.onSpinWait();
        }
        long fallbacksAfterRepair = nodeRedis().circuitBreaker().fallbacks();
        assertSameAnswers(answers(node.newContext()), afterWrites, "the repaired index, through the node");
        assertThat(nodeRedis().circuitBreaker().fallbacks()).as("Redis answered").isEqualTo(fallbacksAfterRepair);
        assertSameAnswers(answers(freshContext()), afterWrites, "the repaired index, read directly");

        LISTINGS.redisReindex(runtime.engine()); // rebuilt from MySQL alone: the same answers
        assertSameAnswers(answers(freshContext()), afterWrites, "an index rebuilt from MySQL");
    }

    private void fill(ListingEntity e) {
        if (e.isNew()) {
            e.setCode("S" + (++codes));
        }
        RandomListings.fillSearchable(e, random, BRANDS, categories);
    }
}
