package io.fluxa.benchmarks;

import io.fluxa.Pager;
import io.fluxa.SearchResult;
import io.fluxa.benchmarks.model.entities.SearchItemProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Redis search benchmarks once each on a smaller fixture (the seeding and indexing code of
 * the real one) and checks that both sides answer the same page and total. Measures nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchSameWorkTest {

    private final SearchFixture f = new SearchFixture(5_000);
    private static final SearchItemProvider ITEMS = SearchItemProvider.INSTANCE;
    private final SearchBenchmarks b = new SearchBenchmarks();

    @BeforeAll
    void setUp() throws SQLException {
        f.setUp();
    }

    @AfterAll
    void tearDown() {
        f.tearDown();
    }

    @Test
    void redisAndMySqlAnswerTheSamePagesAndTotals() {
        int nonEmpty = 0;
        for (int p = 0; p < 30; p++) {
            int c = p * 3 % SearchFixture.CATEGORIES;
            SearchResult<Long> redis = ITEMS.redisSearchIdsWithCount(f.engine.newContext(),
                    SearchBenchmarks.redisCategoryPrice(c), Pager.of(1, 20));
            SearchResult<Long> mysql = ITEMS.searchIdsWithCount(f.engine.newContext(),
                    SearchBenchmarks.mysqlCategoryPrice(c), Pager.of(1, 20));
            assertThat(redis.rows()).isEqualTo(mysql.rows());
            assertThat(redis.total()).isEqualTo(mysql.total());
            nonEmpty += redis.rows().isEmpty() ? 0 : 1;

            SearchResult<Long> redisBroad = ITEMS.redisSearchIdsWithCount(f.engine.newContext(),
                    SearchBenchmarks.redisStatusPrice(p * 6), Pager.of(3, 20));
            SearchResult<Long> mysqlBroad = ITEMS.searchIdsWithCount(f.engine.newContext(),
                    SearchBenchmarks.mysqlStatusPrice(p * 6), Pager.of(3, 20));
            assertThat(redisBroad.rows()).isEqualTo(mysqlBroad.rows()).hasSize(20);
            assertThat(redisBroad.total()).isEqualTo(mysqlBroad.total()).isGreaterThan(100);
        }
        assertThat(nonEmpty).isGreaterThan(20);
    }

    @Test
    void everyBenchmarkReturnsAFullPage() {
        SearchFixture fresh = f;
        assertThat(b.redisStatusInPriceFromPage3(fresh).rows()).hasSize(20);
        assertThat(b.mysqlStatusInPriceFromPage3(fresh).rows()).hasSize(20);
        for (int i = 0; i < 5; i++) {
            assertThat(b.redisCategoryPriceRangePage(fresh).total()).isNotNegative();
            assertThat(b.mysqlCategoryPriceRangePage(fresh).total()).isNotNegative();
            assertThat(b.redisCategoryPriceRangeEntities(fresh)).allSatisfy(e -> assertThat(e.getPrice()).isNotNull());
            assertThat(b.mysqlCategoryPriceRangeEntities(fresh)).allSatisfy(e -> assertThat(e.getPrice()).isNotNull());
        }
    }
}
