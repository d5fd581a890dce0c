package io.fluxa.sample;

import io.fluxa.Engine;
import io.fluxa.sample.model.entities.DirtyStreamNames;
import io.fluxa.stream.StreamStats;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Product changes travel through the {@code ProductEvents} dirty stream to the category counter
 * listener, whose count the API shows.
 */
class ProductEventsTests extends ShopTestSupport {

    @Autowired
    Engine engine;

    @Test
    void theCategoryCounterFollowsProductsCreatedAndDeletedOverHttp() {
        long lamps = createCategory(unique("lamps"), "Lamps", null);
        long rugs = createCategory(unique("rugs"), "Rugs", null);
        assertThat(count(lamps)).isZero();

        long desk = createProduct("Desk lamp", 25, lamps, "active", List.of("new"), 3);
        createProduct("Floor lamp", 80, lamps, "active", List.of(), 1);
        createProduct("Wool rug", 120, rugs, "draft", List.of(), 2);
        await("two lamps and one rug counted", () -> count(lamps) == 2 && count(rugs) == 1);

        expect(delete("/api/products/" + desk), 204);
        await("the deleted lamp no longer counted", () -> count(lamps) == 1);
        assertThat(count(rugs)).isEqualTo(1);

        StreamStats stats = engine.eventBroker().stats(DirtyStreamNames.PRODUCT_EVENTS);
        assertThat(stats.groups()).filteredOn(g -> g.name().equals("category-counter")).singleElement()
                .satisfies(g -> assertThat(g.pending()).isZero());
        assertThat(stats.deadLetters()).isZero();
        assertThat(get("/api/categories/987654321/product-count").status()).isEqualTo(404);
    }

    private long count(long category) {
        return expect(get("/api/categories/" + category + "/product-count"), 200).get("products").asLong();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
