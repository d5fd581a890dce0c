package io.fluxa.cache;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local-cache fill against a flush's invalidation of the same row, with the filler held inside
 * the fill after it checked the row's generation and before it put the row: the interleaving that let
 * a reader of the same process see the old row after the flush returned (and then write based on it).
 */
class LocalRowsFillRaceTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void anInvalidationBetweenTheFillsCheckAndItsPutWaitsForThePutAndRemovesTheRow() throws Exception {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        String table = "fillrace_t1";
        long id = 3;
        long generation = RowGenerations.current(table, id); // the reader notes it, then loads "old"
        CountDownLatch resume = new CountDownLatch(1);
        Future<?> fill = heldFill(cache, table, id, generation, resume);

        AtomicReference<Thread> flusher = new AtomicReference<>();
        Future<?> invalidation = threads.submit(() -> {
            flusher.set(Thread.currentThread());
            LocalRows.remove(cache, table, id); // the flush, after its commit and its Redis invalidation
        });
        awaitBlockedOrDone(flusher, invalidation);
        assertThat(invalidation.isDone()).as("the invalidation waits for the fill that already checked").isFalse();
        assertThat(LocalRows.get(cache, table, id)).as("nothing visible while the fill is held").isNull();

        resume.countDown();
        fill.get(10, TimeUnit.SECONDS);
        invalidation.get(10, TimeUnit.SECONDS); // the flush returned: from now on no reader may see "old"
        assertThat(LocalRows.get(cache, table, id)).isNull();
        assertThat(RowGenerations.current(table, id)).isNotEqualTo(generation);

        long next = RowGenerations.current(table, id);
        LocalRows.fill(cache, table, id, "new", next);
        assertThat(LocalRows.get(cache, table, id)).isEqualTo("new");
    }

    @Test
    void aFillWhoseCheckRunsAfterTheInvalidationStoresNothing() throws Exception {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        String table = "fillrace_t2";
        long id = 4;
        long generation = RowGenerations.current(table, id);
        LocalRows.fill(cache, table, id, "old", generation); // cached before the flush
        LocalRows.remove(cache, table, id);                  // the flush
        LocalRows.fill(cache, table, id, "old", generation); // a read that loaded before the flush
        assertThat(LocalRows.get(cache, table, id)).isNull();
    }

    @Test
    void aFillHeldWhileEveryRowIsDroppedTakesItsRowBackOut() throws Exception {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        String table = "fillrace_t3";
        long id = 5;
        long generation = RowGenerations.current(table, id);
        CountDownLatch resume = new CountDownLatch(1);
        Future<?> fill = heldFill(cache, table, id, generation, resume);
        LocalRows.clearRows(cache); // the cross-node channel was lost: every row goes, every generation moves
        resume.countDown();
        fill.get(10, TimeUnit.SECONDS);
        assertThat(LocalRows.get(cache, table, id)).isNull();
    }

    /**
     * The lost increment: a writer reads its row through the local cache, adds one and "flushes"
     * (new value, then the invalidation), while a reader keeps filling the row it loaded before a
     * flush. With the fill and the invalidation atomic per key, the writer never reads an older row
     * than the one it wrote.
     */
    @Test
    void aWriterReadingThroughTheLocalCacheNeverSeesARowOlderThanItsLastFlush() throws Exception {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        String table = "fillrace_t4";
        long id = 6;
        AtomicReference<Long> truth = new AtomicReference<>(0L); // "MySQL"
        CountDownLatch writerDone = new CountDownLatch(1);
        Future<?> reader = threads.submit(() -> {
            while (writerDone.getCount() > 0) {
                long noted = RowGenerations.current(table, id);
                Long loaded = truth.get();
                Thread.yield(); // let flushes happen between the load and the fill
                LocalRows.fill(cache, table, id, loaded, noted);
            }
            return null;
        });
        try {
            for (int i = 0; i < 20_000; i++) {
                long noted = RowGenerations.current(table, id);
                Object cached = LocalRows.get(cache, table, id);
                long value = cached != null ? (Long) cached : truth.get();
                if (cached == null) {
                    LocalRows.fill(cache, table, id, value, noted);
                }
                truth.set(value + 1);              // the commit
                LocalRows.remove(cache, table, id); // the flush's invalidation
            }
        } finally {
            writerDone.countDown();
        }
        reader.get(1, TimeUnit.MINUTES);
        assertThat(truth.get()).isEqualTo(20_000L);
        Object cached = LocalRows.get(cache, table, id);
        assertThat(cached == null || cached.equals(20_000L)).as("cached %s", cached).isTrue();
    }

    /**
     * Starts a fill of "old" and returns once it found the generation unchanged and is about to put; it
     * stays there until {@code resume} is counted down.
     */
    private Future<?> heldFill(CaffeineLocalCache cache, String table, long id, long generation, CountDownLatch resume)
            throws InterruptedException {
        CountDownLatch checked = new CountDownLatch(1);
        Future<?> fill = threads.submit(() -> LocalRows.fill(cache, table, id, "old", generation, () -> {
            checked.countDown();
            await(resume);
        }));
        assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
        return fill;
    }

    private static void awaitBlockedOrDone(AtomicReference<Thread> thread, Future<?> task) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!task.isDone() && System.nanoTime() < deadline) {
            Thread t = thread.get();
            if (t != null && (t.getState() == Thread.State.BLOCKED || t.getState() == Thread.State.WAITING)) {
                return;
            }
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not resumed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
