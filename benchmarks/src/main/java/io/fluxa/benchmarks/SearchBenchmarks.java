package io.fluxa.benchmarks;

import io.fluxa.Pager;
import io.fluxa.SearchResult;
import io.fluxa.Where;
import io.fluxa.benchmarks.model.entities.SearchItemEntity;
import io.fluxa.benchmarks.model.entities.SearchItemProvider;
import io.fluxa.benchmarks.model.entities.enums.SearchItemStatus;
import io.fluxa.search.RedisSearchWhere;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.fluxa.search.RedisSearchWhere.and;
import static io.fluxa.search.RedisSearchWhere.between;
import static io.fluxa.search.RedisSearchWhere.eq;
import static io.fluxa.search.RedisSearchWhere.gte;
import static io.fluxa.search.RedisSearchWhere.in;

/**
 * The same queries on {@value SearchFixture#ROWS} rows through Redis search (one script call for the
 * page and the total) and through the MySQL {@code search} with suitable indexes (a COUNT and a page
 * query). Each call takes the next of a cycle of parameters, so no single answer is cached anywhere.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SearchBenchmarks {

    private static final SearchItemProvider ITEMS = SearchItemProvider.INSTANCE;
    private static final Pager FIRST_PAGE = Pager.of(1, 20);
    private static final Pager THIRD_PAGE = Pager.of(3, 20);

    /** Category {@code c}, price in a window of 200.00 starting at {@code c * 8}: about 200 matches, 20 shown. */
    static BigDecimal low(int c) {
        return BigDecimal.valueOf(c * 8L);
    }

    static BigDecimal high(int c) {
        return BigDecimal.valueOf(c * 8L + 200);
    }

    static RedisSearchWhere redisCategoryPrice(int c) {
        return and(eq(SearchItemEntity.CATEGORY, (long) c), between(SearchItemEntity.PRICE, low(c), high(c)))
                .sortBy(SearchItemEntity.PRICE, true);
    }

    static Where mysqlCategoryPrice(int c) {
        return SearchItemEntity.CATEGORY.eq((long) c).and(SearchItemEntity.PRICE.ge(low(c)))
                .and(SearchItemEntity.PRICE.le(high(c)))
                .orderBy(SearchItemEntity.PRICE.asc() + ", " + SearchItemEntity.ID.asc());
    }

    /** Two statuses of three and price at least {@code p * 5}: tens of thousands of matches, page 3, dearest first. */
    static RedisSearchWhere redisStatusPrice(int p) {
        return and(in(SearchItemEntity.STATUS, SearchItemStatus.DRAFT, SearchItemStatus.ARCHIVED),
                gte(SearchItemEntity.PRICE, BigDecimal.valueOf(p * 5L))).sortBy(SearchItemEntity.PRICE, false);
    }

    static Where mysqlStatusPrice(int p) {
        return SearchItemEntity.STATUS.in(List.of(SearchItemStatus.DRAFT, SearchItemStatus.ARCHIVED))
                .and(SearchItemEntity.PRICE.ge(BigDecimal.valueOf(p * 5L)))
                .orderBy(SearchItemEntity.PRICE.desc() + ", " + SearchItemEntity.ID.desc());
    }

    // ---- equality + range, sorted, first page of 20 with the total ------------------------------

    @Benchmark
    public SearchResult<Long> redisCategoryPriceRangePage(SearchFixture f) {
        return ITEMS.redisSearchIdsWithCount(f.engine.newContext(), redisCategoryPrice(f.next(SearchFixture.CATEGORIES)),
                FIRST_PAGE);
    }

    @Benchmark
    public SearchResult<Long> mysqlCategoryPriceRangePage(SearchFixture f) {
        return ITEMS.searchIdsWithCount(f.engine.newContext(), mysqlCategoryPrice(f.next(SearchFixture.CATEGORIES)),
                FIRST_PAGE);
    }

    // ---- the same page as entities (Redis: ids, then getByIds from MySQL; no row cache) ---------

    @Benchmark
    public List<SearchItemEntity> redisCategoryPriceRangeEntities(SearchFixture f) {
        return ITEMS.redisSearch(f.engine.newContext(), redisCategoryPrice(f.next(SearchFixture.CATEGORIES)),
                FIRST_PAGE);
    }

    @Benchmark
    public List<SearchItemEntity> mysqlCategoryPriceRangeEntities(SearchFixture f) {
        return ITEMS.search(f.engine.newContext(), mysqlCategoryPrice(f.next(SearchFixture.CATEGORIES)), FIRST_PAGE);
    }

    // ---- IN + a broad range, sorted descending, third page of 20 with the total -----------------

    @Benchmark
    public SearchResult<Long> redisStatusInPriceFromPage3(SearchFixture f) {
        return ITEMS.redisSearchIdsWithCount(f.engine.newContext(), redisStatusPrice(f.next(190)), THIRD_PAGE);
    }

    @Benchmark
    public SearchResult<Long> mysqlStatusInPriceFromPage3(SearchFixture f) {
        return ITEMS.searchIdsWithCount(f.engine.newContext(), mysqlStatusPrice(f.next(190)), THIRD_PAGE);
    }
}
