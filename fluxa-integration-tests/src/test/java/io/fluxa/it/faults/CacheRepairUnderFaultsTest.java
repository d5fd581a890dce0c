package io.fluxa.it.faults;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Cache ≡ MySQL after real Redis faults: two engines ("nodes") on one database read and write
 * categories (Redis and local cache) and products (Redis only) from six threads while the suite's
 * redis-server is killed ({@code -9}) and restarted, then frozen ({@code SIGSTOP}) and resumed. Every
 * flush commits; what Redis did not take is queued for repair; once the repairs ran, every tier of both
 * nodes holds exactly what MySQL holds.
 */
class CacheRepairUnderFaultsTest extends FaultTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;

    private Engine second;

    @Override
    String database() {
        return "fault_repair";
    }

    @BeforeAll
    void startSecondNode() {
        second = servers.connect(database());
    }

    @AfterAll
    void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void everyTierOfBothNodesEqualsMySqlAfterRedisWasKilledAndFrozenUnderLoad() throws Exception {
        List<Long> categoryIds = new ArrayList<>();
        List<Long> productIds = new ArrayList<>();
        Context setup = engine.newContext();
        for (int i = 0; i < 6; i++) {
            CategoryEntity category = CATEGORIES.newEntity(setup);
            category.setCode("rep" + i);
            category.setName("n0");
            ProductEntity product = PRODUCTS.newEntity(setup);
            product.setName("Repaired " + i);
            product.setCategory(category);
            product.setPrice(1);
            product.setStock(0);
            setup.flush();
            categoryIds.add(category.getId());
            productIds.add(product.getId());
        }
        CategoryEntity mainThreads = CATEGORIES.newEntity(setup); // written only by this thread, during the faults
        mainThreads.setCode("rep-main");
        mainThreads.setName("n0");
        setup.flush();
        List<Long> workerCategories = List.copyOf(categoryIds);
        categoryIds.add(mainThreads.getId());
        List<Engine> nodes = List.of(engine, second);
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Engine node = nodes.get(t % 2);
            int seed = t;
            workers.add(pool.submit(() -> work(node, new Random(seed), workerCategories, productIds, stop, failures)));
        }
        try {
            Thread.sleep(300); // load before the faults

            servers.redis.kill();
            assertThat(flushDuringFault(mainThreads.getId(), "killed")).as("writes queued for repair").isPositive();
            Thread.sleep(700); // load while Redis is gone
            servers.redis.start(); // empty: no persistence
            long killedRepairedMs = awaitRepaired();

            servers.redis.freeze();
            assertThat(flushDuringFault(mainThreads.getId(), "frozen")).as("writes queued for repair").isPositive();
            Thread.sleep(700); // load while Redis answers nothing (it keeps its old rows)
            servers.redis.resume();
            long frozenRepairedMs = awaitRepaired();

            Thread.sleep(300); // load after recovery
            System.out.printf("FAULT-FIGURE redis-killed repairs-done-after-restart-ms=%d%n", killedRepairedMs);
            System.out.printf("FAULT-FIGURE redis-frozen repairs-done-after-resume-ms=%d%n", frozenRepairedMs);
        } finally {
            stop.set(true);
            servers.redis.resume();
            if (!servers.redis.isRunning()) {
                servers.redis.start();
            }
        }
        int operations = 0;
        for (Future<Integer> worker : workers) {
            operations += worker.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        awaitRepaired();
        assertThat(failures).as("flushes and reads during the faults").isEmpty();
        assertThat(operations).isPositive();

        for (Engine node : nodes) {
            // the local tier, first: a repair's message to the other node may still be on its way
            int passes = awaitLocalTier(node, categoryIds);
            System.out.printf("FAULT-FIGURE local-tier-reads-until-equal-to-mysql=%d%n", passes);
            for (long id : categoryIds) {
                assertThat(category(node, id)).as("category %d through the local cache", id).isEqualTo(mysqlCategory(id));
            }
            node.localCache(Registry.DEFAULT_POOL).clear();
            for (long id : categoryIds) {
                assertThat(category(node, id)).as("category %d through Redis", id).isEqualTo(mysqlCategory(id));
            }
            for (long id : productIds) {
                assertThat(product(node, id)).as("product %d", id).isEqualTo(mysqlProduct(id));
            }
        }
    }

    /** One writer's operations until stopped: reads through the tiers and updates, each in a new context. */
    private static int work(Engine node, Random random, List<Long> categoryIds, List<Long> productIds, AtomicBoolean stop,
            List<Throwable> failures) {
        int done = 0;
        while (!stop.get()) {
            long categoryId = categoryIds.get(random.nextInt(categoryIds.size()));
            long productId = productIds.get(random.nextInt(productIds.size()));
            Context ctx = node.newContext();
            if (random.nextBoolean()) {
                ctx.disableContextCache();
            }
            try {
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        CATEGORIES.getById(ctx, categoryId);
                        PRODUCTS.getById(ctx, productId);
                    }
                    case 2 -> CATEGORIES.mustGetById(ctx, categoryId).setName("n" + random.nextInt(1000));
                    case 3 -> PRODUCTS.mustGetById(ctx, productId).setPrice(random.nextInt(1000));
                    default -> {
                        CATEGORIES.mustGetById(ctx, categoryId).setName("m" + random.nextInt(1000));
                        PRODUCTS.mustGetById(ctx, productId).setStock(random.nextInt(1000));
                    }
                }
                ctx.flush();
                done++;
            } catch (Throwable e) {
                failures.add(e);
                ctx.clearFlush();
            }
        }
        return done;
    }

    /** Renames a category while Redis is down: MySQL commits, the flush succeeds, its cache writes wait. */
    private int flushDuringFault(long categoryId, String name) {
        Context ctx = engine.newContext();
        CATEGORIES.mustGetById(ctx, categoryId).setName(name);
        assertTimeoutPreemptively(HANG_GUARD, ctx::flush);
        assertThat(servers.queryString("SELECT `Name` FROM `fault_repair`.`categories` WHERE `ID` = " + categoryId))
                .isEqualTo(name);
        return ctx.cacheRepairsOfLastFlush();
    }

    /** Waits (bounded) until no node has cache writes waiting for Redis; returns how long that took. */
    private long awaitRepaired() {
        long start = System.nanoTime();
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            while (engine.redis(Registry.DEFAULT_POOL).cacheRepairs().pending() > 0
                    || second.redis(Registry.DEFAULT_POOL).cacheRepairs().pending() > 0) {
                Thread.sleep(10);
            }
        });
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Reads every category through the node's tiers (local cache first) until all equal MySQL, for at
     * most 10 s; a row that stays stale is left to the assertions that follow. Returns how many passes
     * it took (1: equal at once).
     */
    private int awaitLocalTier(Engine node, List<Long> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int passes = 1;
        while (!ids.stream().allMatch(id -> Objects.equals(category(node, id), mysqlCategory(id)))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            passes++;
        }
        return passes;
    }

    private String mysqlCategory(long id) {
        return servers.queryString("SELECT CONCAT(`Code`, '|', `Name`) FROM `fault_repair`.`categories` WHERE `ID` = "
                + id);
    }

    private static String category(Engine node, long id) {
        Context ctx = node.newContext();
        ctx.disableContextCache();
        return CATEGORIES.getById(ctx, id).map(c -> c.getCode() + "|" + c.getName()).orElse(null);
    }

    private static String product(Engine node, long id) {
        Context ctx = node.newContext();
        ctx.disableContextCache();
        return PRODUCTS.getById(ctx, id).map(p -> BigDecimal.valueOf(p.getPrice()).stripTrailingZeros().toPlainString()
                + "|" + p.getStock()).orElse(null);
    }

    private String mysqlProduct(long id) {
        String row = servers.queryString("SELECT CONCAT(`Price`, '|', `Stock`) FROM `fault_repair`.`products` WHERE "
                + "`ID` = " + id);
        String[] parts = row.split("\\|");
        return new BigDecimal(parts[0]).stripTrailingZeros().toPlainString() + "|" + parts[1];
    }
}
