package io.fluxa.sample;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Product views are written behind the request with {@code flushAsync}: the request answers 202 before
 * MySQL has the row, and the app's async flush consumer inserts it moments later.
 */
class ProductVisitTests extends ShopTestSupport {

    @Test
    void visitsReachMySqlThroughTheAsyncFlushConsumer() throws InterruptedException {
        long category = createCategory(unique("lamps"), "Lamps", null);
        long product = createProduct("Desk lamp", 35, category, "active", List.of("new"), 3);

        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/products/" + product + "/visits", Map.of()).status()).isEqualTo(202);
        }

        assertThat(awaitVisitRows(product, 3)).as("visit rows the consumer inserted").isEqualTo(3);
        List<Map<String, Object>> rows = ShopServices.rows("SELECT `Product`, `CreatedAt` FROM product_visits"
                + " WHERE `Product` = ?", product);
        assertThat(rows).hasSize(3).allSatisfy(row -> {
            assertThat(row).containsEntry("Product", product);
            assertThat(row.get("CreatedAt")).isNotNull();
        });
        assertThat(expect(get("/api/products/" + product + "/visits"), 200).get("visits").asLong()).isEqualTo(3);
    }

    @Test
    void aVisitOfAnAbsentProductIs404() {
        assertThat(post("/api/products/987654321/visits", Map.of()).status()).isEqualTo(404);
    }

    /** Polls MySQL until {@code expected} rows are there; the bound only keeps a broken build from hanging. */
    private static long awaitVisitRows(long product, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long rows = visitRows(product);
        while (rows < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            rows = visitRows(product);
        }
        return rows;
    }

    private static long visitRows(long product) {
        return ShopServices.rows("SELECT `ID` FROM product_visits WHERE `Product` = ?", product).size();
    }
}
