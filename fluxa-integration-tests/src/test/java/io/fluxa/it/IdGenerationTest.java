package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.OrmTestRuntime;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids come from a per-table Redis counter seeded from MAX(ID); safe across threads and instances. */
class IdGenerationTest extends OrmTestBase {

    /**
     * Each test starts from an engine that holds no ids ahead: several delete the counter, and ids an
     * engine kept from a deleted counter may come back from the reseeded one (docs/caching.md, "A lost
     * counter"); an application calls {@code forgetReservedIds()} after Redis lost its data, as here.
     */
    @BeforeEach
    void forgetIdsKeptByTheTestBefore() {
        runtime.engine().forgetReservedIds();
    }

    /**
     * A flush takes its MySQL connections while its ids are on their way; when the counter is missing,
     * seeding it reads MAX(ID) on one more connection. Many flushes seeding at once must not hold every
     * connection of the pool while each waits for one more (they give theirs back before seeding).
     */
    @Test
    void moreFlushesThanPooledConnectionsSeedAMissingCounterAtOnce() throws Exception {
        runtime.sql("INSERT INTO `notes` (`ID`, `Text`) VALUES (7000, 'existing row')");
        runtime.redisConnection().sync().del("{notes}:id");
        int threads = 40; // more than any pool the engine sizes by itself (at most 32)
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                Context ctx = runtime.newContext();
                List<NoteEntity> notes = newNotes(ctx, 3, "seeding");
                start.await();
                ctx.flush();
                List<Long> ids = new ArrayList<>();
                for (NoteEntity note : notes) {
                    ids.add(note.getId());
                }
                return ids;
            }));
        }
        start.countDown();
        Set<Long> unique = new HashSet<>();
        for (Future<List<Long>> result : results) {
            for (long id : result.get(60, java.util.concurrent.TimeUnit.SECONDS)) {
                assertThat(unique.add(id)).as("id %d handed out twice", id).isTrue();
                assertThat(id).as("ids continue after the existing MAX(ID)").isGreaterThan(7000);
            }
        }
        pool.shutdown();
        assertThat(unique).hasSize(threads * 3);
        assertThat(NoteProvider.INSTANCE.count(context(), io.fluxa.Where.of("`Text` = ?", "seeding")))
                .isEqualTo(threads * 3);
    }

    @Test
    void concurrentContextsOnManyThreadsNeverShareAnId() throws Exception {
        runtime.sql("INSERT INTO `notes` (`ID`, `Text`) VALUES (5000, 'existing row')");
        runtime.redisConnection().sync().del("{notes}:id"); // the id counter; its {hash tag} keeps it in one Cluster slot with its lock
        int threads = 8;
        int contextsPerThread = 10;
        int entitiesPerContext = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Callable<List<Long>> work = () -> {
                start.await();
                List<Long> ids = new ArrayList<>();
                for (int c = 0; c < contextsPerThread; c++) {
                    Context ctx = runtime.newContext();
                    List<NoteEntity> notes = newNotes(ctx, entitiesPerContext, "note");
                    if (c % 2 == 0) {
                        ids.add(notes.get(0).getId()); // an id taken before the flush
                    }
                    ctx.flush();
                    for (NoteEntity note : notes) {
                        if (!ids.contains(note.getId())) {
                            ids.add(note.getId());
                        }
                    }
                }
                return ids;
            };
            results.add(pool.submit(work));
        }
        start.countDown();
        Set<Long> unique = new HashSet<>();
        int total = 0;
        for (Future<List<Long>> result : results) {
            for (long id : result.get()) {
                total++;
                unique.add(id);
                assertThat(id).as("ids continue after the existing MAX(ID)").isGreaterThan(5000);
            }
        }
        pool.shutdown();
        assertThat(total).isEqualTo(threads * contextsPerThread * entitiesPerContext);
        assertThat(unique).hasSize(total);
        Context reader = context();
        assertThat(NoteProvider.INSTANCE.count(reader, io.fluxa.Where.of("`Text` = ?", "note"))).isEqualTo(total);
    }

    @Test
    void twoApplicationInstancesSeedOnceAndNeverCollide() throws Exception {
        runtime.sql("INSERT INTO `notes` (`ID`, `Text`) VALUES (90000, 'instance seed')");
        runtime.redisConnection().sync().del("{notes}:id"); // the id counter; its {hash tag} keeps it in one Cluster slot with its lock
        try (OrmTestRuntime second = new OrmTestRuntime(runtime.database(), false)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (OrmTestRuntime instance : List.of(runtime, second, runtime, second)) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> ids = new ArrayList<>();
                    for (int c = 0; c < 20; c++) {
                        Context ctx = instance.newContext();
                        List<NoteEntity> notes = newNotes(ctx, 10, "instances");
                        ctx.flush();
                        notes.forEach(n -> ids.add(n.getId()));
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<Long> unique = new HashSet<>();
            for (Future<List<Long>> result : results) {
                for (long id : result.get()) {
                    assertThat(unique.add(id)).as("id %d handed out twice", id).isTrue();
                    assertThat(id).isGreaterThan(90000);
                }
            }
            pool.shutdown();
            assertThat(unique).hasSize(4 * 20 * 10);
        }
    }

    @Test
    void aChosenIdMovesTheCounterPastIt() {
        Context first = context();
        NoteProvider.INSTANCE.newEntity(first).setText("counter exists");
        first.flush();
        Context chosen = context();
        NoteProvider.INSTANCE.newEntity(chosen, 700_000).setText("chosen");
        chosen.flush();
        Context next = context();
        NoteEntity after = NoteProvider.INSTANCE.newEntity(next);
        after.setText("after");
        next.flush();
        assertThat(after.getId()).isGreaterThan(700_000);
    }

    @Test
    void manyNewEntitiesInOneContextCostOneCounterCall() {
        Context ctx = context();
        NoteProvider.INSTANCE.newEntity(ctx).setText("warm the counter");
        ctx.flush();
        Context batch = context();
        for (int i = 0; i < 500; i++) {
            NoteProvider.INSTANCE.newEntity(batch).setText("n" + i);
        }
        QueryCounter counter = count(batch);
        batch.flush();
        assertThat(counter.queries(QuerySource.REDIS)).filteredOn(q -> q.contains("INCRBY")).hasSize(1);
        assertThat(counter.queries(QuerySource.MYSQL)).filteredOn(q -> q.startsWith("INSERT")).hasSize(1);
    }

    /** {@code count} new notes with {@code text} in {@code ctx}, not flushed. */
    private static List<NoteEntity> newNotes(Context ctx, int count, String text) {
        List<NoteEntity> notes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NoteEntity note = NoteProvider.INSTANCE.newEntity(ctx);
            note.setText(text);
            notes.add(note);
        }
        return notes;
    }
}
