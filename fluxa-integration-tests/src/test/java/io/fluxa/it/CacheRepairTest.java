package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.ProxiedNodeTestBase;
import io.fluxa.metrics.FluxaMetrics;
import io.fluxa.redis.CacheRepairs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flush whose post-commit Redis writes fail (the connection is cut by a proxy this test owns)
 * succeeds, queues the invalidations, and once Redis is reachable again no read serves the old rows:
 * neither on the node that flushed nor on another node reading the same Redis directly.
 */
class CacheRepairTest extends ProxiedNodeTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;

    private CacheRepairs repairs() {
        return node.engine().redis(Registry.DEFAULT_POOL).cacheRepairs();
    }

    /** Waits until the node's Redis connection is back (Lettuce reconnects in the background). */
    private void awaitRedis() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                node.engine().redis(Registry.DEFAULT_POOL).exists("fluxa-test:ping");
                return;
            } catch (io.fluxa.PoolUnavailableException reconnecting) {
                assertThat(System.nanoTime()).as("Redis reachable again within 60 s").isLessThan(deadline);
            }
        }
    }

    private ProductEntity product(Context ctx) {
        awaitRedis();
        CategoryEntity category = CATEGORIES.newEntity(ctx);
        category.setCode("cr" + System.nanoTime() % 100_000_000);
        category.setName("Before");
        ProductEntity p = PRODUCTS.newEntity(ctx);
        p.setName("Repair " + System.nanoTime());
        p.setCategory(category);
        p.setPrice(1);
        p.setStock(1);
        ctx.flush();
        return p;
    }

    private void awaitRepaired() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (repairs().pending() > 0) {
            assertThat(System.nanoTime()).as("cache repairs done within 60 s of Redis coming back")
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void committedChangesSucceedAndTheirCacheEntriesAreInvalidatedInTheBackgroundOnceRedisIsBack() {
        Context setup = node.newContext();
        ProductEntity p = product(setup);
        long categoryId = p.getCategoryId();
        long chosenId = 800_000_000L + System.nanoTime() % 1_000_000;
        // cache the row, the category and a "not found" for the chosen id, on both nodes' Redis
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getStock()).isEqualTo(1);
        assertThat(CATEGORIES.mustGetById(freshContext(), categoryId).getName()).isEqualTo("Before");
        assertThat(CATEGORIES.getById(freshContext(), chosenId)).isEmpty();
        Context warm = node.newContext();
        warm.disableContextCache();
        assertThat(CATEGORIES.mustGetById(warm, categoryId).getName()).isEqualTo("Before"); // node's local cache

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new FluxaMetrics(node.engine()).bindTo(meters);
        double completedBefore = completedRepairs(meters);
        assertThat(pendingRepairs(meters)).isZero();

        Context ctx = node.newContext();
        ProductEntity product = PRODUCTS.mustGetById(ctx, p.getId());
        CategoryEntity category = CATEGORIES.mustGetById(ctx, categoryId);
        proxy.cut();
        product.setStock(7);
        category.setName("After");
        CategoryEntity chosen = CATEGORIES.newEntity(ctx, chosenId);
        chosen.setCode("ch" + chosenId % 100_000);
        chosen.setName("Chosen");
        ctx.flush(); // MySQL commits; Redis is gone: no exception, the writes wait for repair
        assertThat(ctx.cacheRepairsOfLastFlush()).isEqualTo(3 + 1); // three rows and the id counter
        assertThat(repairs().pending()).isEqualTo(4);
        assertThat(pendingRepairs(meters)).isEqualTo(4);
        assertThat(ctx.pendingChanges()).isZero();

        // the other node still reads the old cached rows from Redis: this is what the repair is for
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getStock()).isEqualTo(1);
        // the flushing node skips Redis while its repairs are pending, so it already reads MySQL
        Context during = node.newContext();
        during.disableContextCache();
        assertThat(PRODUCTS.mustGetById(during, p.getId()).getStock()).isEqualTo(7);
        assertThat(CATEGORIES.mustGetById(during, categoryId).getName()).isEqualTo("After");

        proxy.restore();
        awaitRepaired(); // the background retry, no read needed
        assertThat(pendingRepairs(meters)).isZero();
        assertThat(completedRepairs(meters) - completedBefore).isEqualTo(4);
        runtime.local().clear();
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getStock()).isEqualTo(7);
        assertThat(CATEGORIES.mustGetById(freshContext(), categoryId).getName()).isEqualTo("After");
        assertThat(CATEGORIES.getById(freshContext(), chosenId)).map(CategoryEntity::getName).contains("Chosen");
        Context after = node.newContext();
        after.disableContextCache();
        assertThat(CATEGORIES.mustGetById(after, categoryId).getName()).isEqualTo("After");
        // the id counter was moved past the chosen id by the repair too
        Context next = node.newContext();
        CategoryEntity fresh = CATEGORIES.newEntity(next);
        assertThat(fresh.getId()).isGreaterThan(chosenId);
    }

    private static double pendingRepairs(SimpleMeterRegistry meters) {
        return meters.get("fluxa.redis.cache.repairs.pending").tag("pool", Registry.DEFAULT_POOL).gauge().value();
    }

    private static double completedRepairs(SimpleMeterRegistry meters) {
        return meters.get("fluxa.redis.cache.repairs.completed").tag("pool", Registry.DEFAULT_POOL)
                .functionCounter().count();
    }

    @Test
    void readsAfterRedisIsBackNeverSeeTheOldRowAndNeverWaitForTheRepair() {
        Context setup = node.newContext();
        ProductEntity p = product(setup);
        Context warm = node.newContext();
        warm.disableContextCache();
        assertThat(PRODUCTS.mustGetById(warm, p.getId()).getStock()).isEqualTo(1); // cached in Redis

        Context ctx = node.newContext();
        ProductEntity product = PRODUCTS.mustGetById(ctx, p.getId());
        proxy.cut();
        product.setStock(9);
        ctx.flush();
        assertThat(ctx.cacheRepairsOfLastFlush()).isEqualTo(1);
        proxy.restore();
        // reads skip Redis until the background repair ran (a read only asks for it), so none sees the old 1
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Context read = node.newContext();
            read.disableContextCache();
            try {
                assertThat(PRODUCTS.mustGetById(read, p.getId()).getStock()).isEqualTo(9);
            } catch (io.fluxa.PoolUnavailableException reconnecting) {
                assertThat(System.nanoTime()).as("Redis reachable again within 60 s").isLessThan(deadline);
                continue;
            }
            if (repairs().pending() == 0) {
                break;
            }
            assertThat(System.nanoTime()).as("repaired within 60 s").isLessThan(deadline);
        }
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getStock()).isEqualTo(9);
    }
}
