package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent misses of one row in one process cause one MySQL query; the others wait for it or its fills. */
class SingleFlightLoadTest extends OrmTestBase {

    @Test
    void sixteenThreadsMissingOneRowShareOneQuery() throws Exception {
        Context setup = context();
        NoteEntity note = NoteProvider.INSTANCE.newEntity(setup);
        note.setText("hot");
        setup.flush();
        long id = note.getId();
        QueryCounter counter = new QueryCounter();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Thread> threads = new ArrayList<>();
        List<Future<String>> reads = new ArrayList<>();
        // LOCK TABLES … WRITE makes the first SELECT wait, so all 16 misses overlap for sure
        try (Connection lock = runtime.dataSource().getConnection(); Statement s = lock.createStatement()) {
            s.execute("LOCK TABLES `notes` WRITE");
            try {
                for (int t = 0; t < 16; t++) {
                    reads.add(pool.submit(() -> {
                        synchronized (threads) {
                            threads.add(Thread.currentThread());
                        }
                        Context ctx = context();
                        ctx.registerQueryLogger(counter, true, false, false);
                        return NoteProvider.INSTANCE.mustGetById(ctx, id).getText();
                    }));
                }
                awaitWaiting(lock, threads);
            } finally {
                s.execute("UNLOCK TABLES");
            }
        }
        for (Future<String> read : reads) {
            assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("hot");
        }
        pool.shutdown();
        assertThat(counter.mysql()).as("MySQL queries for 16 concurrent misses of one row").isEqualTo(1);
    }

    /**
     * Storms without a lock holding the first query back: after each change of a hot row, 16 threads
     * released together read it. Threads that missed the caches just before the first load filled
     * them and arrive after it ended ask the caches again instead of MySQL, so every storm costs one
     * query: on the Redis-cached products and on the local- and Redis-cached categories.
     */
    @Test
    void everyMissStormAfterAChangeOfAHotRowCostsOneQuery() throws Exception {
        Context setup = context();
        CategoryEntity category = CategoryProvider.INSTANCE.newEntity(setup);
        category.setCode("storm");
        category.setName("Storm 0");
        ProductEntity product = ProductProvider.INSTANCE.newEntity(setup);
        product.setName("Storm");
        product.setCategory(category);
        product.setPrice(1);
        product.setStock(0);
        setup.flush();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int storm = 1; storm <= 10; storm++) {
                Context change = context();
                ProductProvider.INSTANCE.mustGetById(change, product.getId()).setStock(storm);
                CategoryProvider.INSTANCE.mustGetById(change, category.getId()).setName("Storm " + storm);
                change.flush(); // a tombstone in Redis, the local copy dropped
                long stock = storm;
                assertThat(storm(pool, ctx -> ProductProvider.INSTANCE.mustGetById(ctx, product.getId()).getStock(),
                        stock)).as("MySQL queries of product storm " + storm).isEqualTo(1);
                String name = "Storm " + storm;
                assertThat(storm(pool, ctx -> CategoryProvider.INSTANCE.mustGetById(ctx, category.getId()).getName(),
                        name)).as("MySQL queries of category storm " + storm).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Releases 16 reads at once; each must see {@code expected}. Returns the MySQL queries they sent. */
    private long storm(ExecutorService pool, Function<Context, Object> read, Object expected) throws Exception {
        QueryCounter counter = new QueryCounter();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> reads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            reads.add(pool.submit(() -> {
                Context ctx = context();
                ctx.registerQueryLogger(counter, true, false, false);
                go.await();
                return read.apply(ctx);
            }));
        }
        go.countDown();
        for (Future<Object> r : reads) {
            assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
        }
        return counter.mysql();
    }

    /** Until one SELECT waits for the table lock and the 15 other threads wait for its result. */
    private static void awaitWaiting(Connection lock, List<Thread> threads) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            int selects = 0;
            try (Statement s = lock.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%SELECT%notes%' "
                            + "AND ID <> CONNECTION_ID()")) {
                rs.next();
                selects = rs.getInt(1);
            }
            int parked = 0;
            synchronized (threads) {
                for (Thread thread : threads) {
                    if (thread.getState() == Thread.State.WAITING) {
                        parked++;
                    }
                }
            }
            if (selects == 1 && parked == 15) {
                return;
            }
            assertThat(selects).as("SELECTs waiting for the lock").isLessThanOrEqualTo(1);
            assertThat(System.nanoTime()).as("16 readers waiting within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
