package io.fluxa.sample;

import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product filter ({@code GET /api/products/filter}) is answered by the Redis search index that
 * every flush keeps up to date: category and price range, sorted and paged, without a MySQL query for
 * the products.
 */
class ProductFilterTests extends ShopTestSupport {

    @Autowired
    QueryLog queryLog;

    @Test
    void filtersByCategoryAndPriceRangeSortedAndPagedFromRedis() {
        long chairs = createCategory(unique("chairs"), "Chairs", null);
        long other = createCategory(unique("tables"), "Tables", null);
        long a = createProduct("Chair A", 45, chairs, "active", List.of(), 1);
        long b = createProduct("Chair B", 15, chairs, "active", List.of("sale"), 1);
        long c = createProduct("Chair C", 30, chairs, "draft", List.of(), 1);
        long d = createProduct("Chair D", 99.5, chairs, "active", List.of(), 1);
        long e = createProduct("Chair E", 30, chairs, "active", List.of(), 1);
        createProduct("Table", 30, other, "active", List.of(), 1);
        String chairsIn = "/api/products/filter?categoryId=" + chairs;

        // by price (the default), equal prices in id order
        JsonNode all = expect(get(chairsIn), 200);
        assertThat(all.get("total").asLong()).isEqualTo(5);
        assertThat(ids(all)).containsExactly(b, c, e, a, d);
        assertThat(all.get("items").get(0).get("category").get("name").asString()).isEqualTo("Chairs");

        // price range, most expensive first, equal prices in descending id order, page 1 and 2 of 2
        String range = chairsIn + "&minPrice=15&maxPrice=45&sort=-price&size=2";
        JsonNode first = expect(get(range + "&page=1"), 200);
        assertThat(first.get("total").asLong()).isEqualTo(4);
        assertThat(ids(first)).containsExactly(a, e);
        assertThat(ids(expect(get(range + "&page=2"), 200))).containsExactly(c, b);
        assertThat(ids(expect(get(range + "&page=3"), 200))).isEmpty();

        assertThat(ids(expect(get(chairsIn + "&status=active&maxPrice=30"), 200))).containsExactly(b, e);
        assertThat(ids(expect(get(chairsIn + "&sort=newest"), 200))).containsExactly(e, d, c, b, a);

        // the page was answered by Redis: one script call, and the products came from the Redis cache
        queryLog.clear();
        expect(get(range + "&page=1"), 200);
        assertThat(queryLog.events(QuerySource.MYSQL)).extracting(QueryEvent::query)
                .noneMatch(q -> q.contains("products"));
        assertThat(queryLog.events(QuerySource.REDIS)).extracting(QueryEvent::operation)
                .anyMatch(op -> op.startsWith("EVAL"));
    }

    @Test
    void changesAndSoftDeletesOverTheApiMoveProductsInTheFilter() {
        long lamps = createCategory(unique("lamps"), "Lamps", null);
        long cheap = createProduct("Cheap lamp", 10, lamps, "active", List.of(), 1);
        long dear = createProduct("Dear lamp", 80, lamps, "active", List.of(), 1);
        String path = "/api/products/filter?categoryId=" + lamps + "&maxPrice=50";
        assertThat(ids(expect(get(path), 200))).containsExactly(cheap);

        expect(patch("/api/products/" + dear, Map.of("price", 40)), 200);
        expect(patch("/api/products/" + cheap, Map.of("price", 60)), 200);
        assertThat(ids(expect(get(path), 200))).containsExactly(dear);

        assertThat(delete("/api/products/" + dear).status()).isEqualTo(204);
        JsonNode afterDelete = expect(get(path), 200);
        assertThat(afterDelete.get("total").asLong()).isZero();
        assertThat(ids(expect(get("/api/products/filter?categoryId=" + lamps), 200))).containsExactly(cheap);
    }

    @Test
    void anUnknownSortOrStatusIs400NamingTheParameter() {
        JsonNode badSort = expect(get("/api/products/filter?sort=name"), 400);
        assertThat(badSort.get("field").asString()).isEqualTo("sort");
        assertThat(badSort.get("detail").asString()).contains("price", "-price", "newest");
        JsonNode badStatus = expect(get("/api/products/filter?status=sold"), 400);
        assertThat(badStatus.get("field").asString()).isEqualTo("status");
    }

    private static List<Long> ids(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("id").asLong()).toList();
    }
}
