package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.KindsEntity;
import io.fluxa.it.model.entities.KindsProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.model.entities.enums.Color;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache ≡ MySQL at quiescence: readers racing writers (same and different columns, inserts, deletes)
 * never leave a tier holding a row MySQL does not hold. Each tier is checked on its own: a fresh
 * context's read answered by the local cache, then (local cache emptied) the one answered by Redis.
 */
class CacheRaceTest extends OrmTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;
    private static final KindsProvider KINDS = KindsProvider.INSTANCE;

    private CategoryEntity category(String name) {
        Context ctx = context();
        CategoryEntity c = CATEGORIES.newEntity(ctx);
        c.setCode("r" + System.nanoTime() % 1_000_000_000);
        c.setName(name);
        ctx.flush();
        return c;
    }

    /** Pauses the reading thread right after its first event of {@code source} until released. */
    private static final class Pause implements io.fluxa.log.QueryLogHandler {
        private final QuerySource source;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Pause(QuerySource source) {
            this.source = source;
        }

        @Override
        public void handle(QueryEvent event) {
            if (event.source() == source && reached.getCount() > 0) {
                reached.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Waits until every cache fill sent so far was applied (fills share the pool's pipeline connection). */
    private void awaitFills() {
        var pipeline = runtime.engine().redis("default").pipeline();
        pipeline.exists("fluxa-test:fills-done");
        pipeline.exec();
    }

    @Test
    void aReadThatLoadedTheOldRowFromRedisBeforeAFlushCannotPutItIntoTheLocalCache() throws Exception {
        CategoryEntity c = category("10");
        CATEGORIES.mustGetById(freshContext(), c.getId()); // Redis holds 10
        runtime.local().clear();
        Context reader = freshContext();
        Pause pause = new Pause(QuerySource.REDIS); // after the Redis read, before the local fill
        reader.registerQueryLogger(pause, false, true, false);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<String> read = thread.submit(() -> CATEGORIES.mustGetById(reader, c.getId()).getName());
            assertThat(pause.reached.await(10, TimeUnit.SECONDS)).isTrue();
            Context writer = context();
            CATEGORIES.mustGetById(writer, c.getId()).setName("11");
            writer.flush(); // MySQL = 11, Redis invalidated
            pause.release.countDown();
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("10"); // it read before the flush: fine
        } finally {
            thread.shutdownNow();
        }
        awaitFills();
        assertThat(mysqlName(c.getId())).isEqualTo("11");
        assertTiers(c.getId());
        assertThat(CATEGORIES.mustGetById(freshContext(), c.getId()).getName()).isEqualTo("11");
    }

    @Test
    void aReadThatLoadedTheOldRowFromMySqlBeforeAFlushCannotCacheItInAnyTier() throws Exception {
        CategoryEntity c = category("10");
        Context reader = freshContext();
        Pause pause = new Pause(QuerySource.MYSQL); // after the SELECT, before the Redis and local fills
        reader.registerQueryLogger(pause, true, false, false);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<String> read = thread.submit(() -> CATEGORIES.mustGetById(reader, c.getId()).getName());
            assertThat(pause.reached.await(10, TimeUnit.SECONDS)).isTrue();
            Context writer = context();
            CATEGORIES.mustGetById(writer, c.getId()).setName("11");
            writer.flush();
            pause.release.countDown();
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("10");
        } finally {
            thread.shutdownNow();
        }
        awaitFills();
        assertTiers(c.getId());
        assertThat(CATEGORIES.mustGetById(freshContext(), c.getId()).getName()).isEqualTo("11");
    }

    @Test
    void twoContextsWritingTheSameColumnLeaveRedisEqualToMySql() {
        ProductEntity p = product();
        Context a = context();
        Context b = context();
        PRODUCTS.mustGetById(a, p.getId()).setStock(1);
        PRODUCTS.mustGetById(b, p.getId()).setStock(2);
        b.flush();
        a.flush(); // MySQL keeps a's 1 whatever order the cache writes arrive in: they only invalidate
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getStock()).isEqualTo(1);
        assertThat(sqlLong("SELECT `Stock` FROM `products` WHERE `ID` = " + p.getId())).isEqualTo(1);
    }

    @Test
    void anInsertWithAChosenIdReplacesACachedNotFound() {
        long id = 900_000_000L + System.nanoTime() % 1_000_000;
        assertThat(CATEGORIES.getById(freshContext(), id)).isEmpty(); // "not found" cached in Redis and locally
        assertThat(CATEGORIES.getById(freshContext(), id)).isEmpty();
        Context ctx = context();
        CategoryEntity c = CATEGORIES.newEntity(ctx, id);
        c.setCode("nf" + id % 100_000);
        c.setName("Chosen");
        ctx.flush();
        assertThat(CATEGORIES.getById(freshContext(), id)).map(CategoryEntity::getName).contains("Chosen");
        runtime.local().clear();
        assertThat(CATEGORIES.getById(freshContext(), id)).map(CategoryEntity::getName).contains("Chosen");
    }

    private ProductEntity product() {
        Context ctx = context();
        CategoryEntity category = CATEGORIES.newEntity(ctx);
        category.setCode("p" + System.nanoTime() % 1_000_000_000);
        category.setName("Race");
        ProductEntity p = PRODUCTS.newEntity(ctx);
        p.setName("Row " + System.nanoTime());
        p.setCategory(category);
        p.setPrice(1);
        p.setStock(0);
        ctx.flush();
        return p;
    }

    /**
     * 16 threads for 4 000 operations on 6 categories and 6 products: reads through every tier,
     * updates of the same column (category name) and of different columns (product price and stock),
     * deletes and re-inserts with the same id. Afterwards every tier holds what MySQL holds.
     */
    @Test
    void randomizedReadersAndWritersLeaveEveryTierEqualToMySql() throws Exception {
        List<Long> categoryIds = new ArrayList<>();
        List<Long> productIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            categoryIds.add(category("n0").getId());
            productIds.add(product().getId());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int seed = t;
            workers.add(pool.submit(() -> {
                Random random = new Random(seed);
                for (int op = 0; op < 250; op++) {
                    long categoryId = categoryIds.get(random.nextInt(categoryIds.size()));
                    long productId = productIds.get(random.nextInt(productIds.size()));
                    Context ctx = random.nextBoolean() ? freshContext() : context();
                    try {
                        switch (random.nextInt(8)) {
                            case 0, 1, 2 -> {
                                CATEGORIES.getById(ctx, categoryId);
                                PRODUCTS.getById(ctx, productId);
                            }
                            case 3 -> CATEGORIES.getById(ctx, categoryId)
                                    .ifPresent(c -> c.setName("n" + seed + "-" + random.nextInt(1000)));
                            case 4 -> PRODUCTS.getById(ctx, productId).ifPresent(p -> p.setPrice(random.nextInt(1000)));
                            case 5 -> PRODUCTS.getById(ctx, productId).ifPresent(p -> p.setStock(random.nextInt(1000)));
                            case 6 -> CATEGORIES.getById(ctx, categoryId).ifPresent(CategoryEntity::delete);
                            default -> {
                                if (CATEGORIES.getById(ctx, categoryId).isEmpty()) {
                                    CategoryEntity c = CATEGORIES.newEntity(ctx, categoryId);
                                    c.setCode("i" + (seed * 1_000 + op)); // unique: a clash would only fail that insert
                                    c.setName("re" + seed);
                                }
                            }
                        }
                        ctx.flush();
                    } catch (RuntimeException raced) {
                        // a duplicate re-insert or a row deleted under us: MySQL refused it, nothing changed
                        ctx.clearFlush();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        awaitFills();
        for (long id : categoryIds) {
            assertTiers(id);
        }
        for (long id : productIds) {
            assertProductTiers(id);
        }
    }

    /**
     * Four writers each own one column of one row and increment it 150 times, reading the row through
     * the caches each time, while four readers keep filling the caches: no increment is lost.
     */
    @Test
    void oneWriterPerColumnLosesNoIncrement() throws Exception {
        Context setup = context();
        KindsEntity k = KINDS.newEntity(setup);
        k.setTitle("counters");
        k.setColor(Color.RED);
        k.setBalance(BigDecimal.ZERO);
        setup.flush();
        long id = k.getId();
        List<Function<KindsEntity, Runnable>> columns = List.of(
                e -> () -> e.setSmall(e.getSmall() + 1),
                e -> () -> e.setMedium(e.getMedium() + 1),
                e -> () -> e.setInteger(e.getInteger() + 1),
                e -> () -> e.setBig(e.getBig() + 1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> tasks = new ArrayList<>();
        for (Function<KindsEntity, Runnable> column : columns) {
            tasks.add(pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    Context ctx = context();
                    column.apply(KINDS.mustGetById(ctx, id)).run();
                    ctx.flush();
                }
                return null;
            }));
        }
        List<Future<?>> readers = new ArrayList<>();
        CountDownLatch writersDone = new CountDownLatch(1);
        for (int r = 0; r < 4; r++) {
            readers.add(pool.submit(() -> {
                while (writersDone.getCount() > 0) {
                    KINDS.mustGetById(freshContext(), id);
                }
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get(5, TimeUnit.MINUTES);
        }
        writersDone.countDown();
        for (Future<?> reader : readers) {
            reader.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        for (String column : List.of("Small", "Medium", "Integer", "Big")) {
            assertThat(sqlLong("SELECT `" + column + "` FROM `kinds` WHERE `ID` = " + id)).as(column).isEqualTo(150);
        }
        KindsEntity cached = KINDS.mustGetById(freshContext(), id);
        assertThat(List.of(cached.getSmall(), cached.getMedium(), cached.getInteger(), cached.getBig()))
                .containsOnly(150L);
    }

    // ---- checks ---------------------------------------------------------------------------------

    private String mysqlName(long id) {
        return sqlString("SELECT `Name` FROM `categories` WHERE `ID` = " + id);
    }

    /** The category as MySQL holds it ("code|name|parent"), or null. */
    private String mysqlCategory(long id) {
        return sqlString("SELECT CONCAT(`Code`, '|', `Name`, '|', COALESCE(`Parent`, 0)) FROM `categories` WHERE `ID` = "
                + id);
    }

    private static String describe(CategoryEntity c) {
        return c.getCode() + "|" + c.getName() + "|" + c.getParentId();
    }

    /** The local cache's answer (when it has one), then Redis's (local emptied), each equal to MySQL. */
    private void assertTiers(long id) {
        String truth = mysqlCategory(id);
        Context local = freshContext();
        QueryCounter first = count(local);
        String fromLocal = CATEGORIES.getById(local, id).map(CacheRaceTest::describe).orElse(null);
        assertThat(fromLocal).as("category %d read through the tiers (%s)", id, first.queries(QuerySource.REDIS))
                .isEqualTo(truth);
        runtime.local().clear();
        Context redis = freshContext();
        QueryCounter second = count(redis);
        String fromRedis = CATEGORIES.getById(redis, id).map(CacheRaceTest::describe).orElse(null);
        assertThat(fromRedis).as("category %d read from Redis or MySQL (MySQL queries: %d)", id, second.mysql())
                .isEqualTo(truth);
    }

    private void assertProductTiers(long id) {
        String truth = sqlString("SELECT CONCAT(`Name`, '|', `Price`, '|', `Stock`) FROM `products` WHERE `ID` = " + id);
        ProductEntity p = PRODUCTS.getById(freshContext(), id).orElse(null);
        String cached = p == null ? null : p.getName() + "|" + BigDecimal.valueOf(p.getPrice()).stripTrailingZeros()
                .toPlainString() + "|" + p.getStock();
        String normalizedTruth = truth == null ? null : normalize(truth);
        assertThat(cached).as("product %d", id).isEqualTo(normalizedTruth);
    }

    private static String normalize(String row) {
        String[] parts = row.split("\\|");
        return parts[0] + "|" + new BigDecimal(parts[1]).stripTrailingZeros().toPlainString() + "|" + parts[2];
    }

    private String sqlString(String sql) {
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private long sqlLong(String sql) {
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
