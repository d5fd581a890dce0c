package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.OrmTestRuntime;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QuerySource;
import io.fluxa.test.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default id reservation ({@code IdPrefetch}): a table that reserved ids less than a second ago
 * keeps ids ahead (at least its last reservation's size, at most 100) for its next flushes. Ids stay
 * unique across engines and threads and consecutive for one thread, a quiet table keeps nothing, and an
 * id the application chose never comes back from this engine. {@code IdPrefetchTableTest} drives the
 * stride policy and the one-second window with chosen times, so no test here waits for the window.
 */
class IdPrefetchTest extends OrmTestBase {

    private static final String BASE = "fluxa_orm_idprefetchtest";
    private static final NoteProvider NOTES = NoteProvider.INSTANCE;

    @BeforeEach
    void emptyTables() {
        runtime.sql("DELETE FROM `notes`");
        runtime.redisConnection().sync().del("{notes}:id");
        runtime.engine().forgetReservedIds(); // the id kept in the previous test came from the counter just deleted
    }

    @Test
    void aQuietTableKeepsNoIdAhead() {
        try (OrmTestRuntime fresh = OrmTestRuntime.attachedThrough(BASE, null)) { // no reservation yet
            Context ctx = fresh.newContext();
            NoteEntity note = newNote(ctx, "alone");
            ctx.flush();
            assertThat(counter()).isEqualTo(note.getId());
        }
    }

    @Test
    void backToBackOneRowFlushesGetConsecutiveIdsAndSendFewerCallsAsTheStrideGrows() {
        List<Long> ids = new ArrayList<>();
        List<Integer> calls = new ArrayList<>();
        for (int f = 0; f < 40; f++) {
            Context ctx = context();
            NoteEntity note = newNote(ctx, "n" + f);
            QueryCounter queries = count(ctx);
            ctx.flush();
            ids.add(note.getId());
            calls.add(incrbys(queries));
        }
        // the first flush finds the counter missing and seeds it (two calls); the second reserves its id
        // and one to keep (one call); the third takes the kept one and sends the call for the next two,
        // which the fourth logs when it takes the first of them, and so on with ranges twice as long
        assertThat(calls.subList(0, 4)).containsExactly(2, 1, 0, 1);
        int later = calls.subList(2, calls.size()).stream().mapToInt(Integer::intValue).sum();
        assertThat(later).as("calls of flushes 3 to 40: %s", calls).isLessThan(19);
        assertThat(ids).doesNotHaveDuplicates().isSorted();
        assertThat(ids.get(ids.size() - 1) - ids.get(0)).as("one thread's ids are consecutive").isEqualTo(39);
        long kept = counter() - ids.get(ids.size() - 1);
        assertThat(kept).as("the busy table keeps at most 100 ids ahead").isBetween(0L, 100L);
        // a flush of many rows takes kept ids first, so it continues the sequence
        Context many = context();
        List<NoteEntity> five = List.of(newNote(many, "a"), newNote(many, "b"), newNote(many, "c"),
                newNote(many, "d"), newNote(many, "e"));
        many.flush();
        List<Long> fiveIds = five.stream().map(NoteEntity::getId).toList();
        assertThat(fiveIds).doesNotHaveDuplicates().isSorted().first().isEqualTo(ids.get(ids.size() - 1) + 1);
        assertThat(counter() - fiveIds.get(4)).as("ids kept ahead").isBetween(5L, 100L);
    }

    @Test
    void backToBackFlushesOfSeveralRowsTakeTheIdsTheFlushBeforeKept() throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            Context ctx = context();
            List<NoteEntity> notes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                notes.add(newNote(ctx, "f" + f + "i" + i));
            }
            ctx.flush();
            notes.forEach(note -> ids.add(note.getId()));
        }
        // the first flush finds the counter missing, the second reserves its three and three to keep;
        // every flush after it takes three kept ids (and keeps a longer range when they run out), so one
        // thread's ids stay consecutive
        assertThat(ids).doesNotHaveDuplicates().isSorted();
        long last = ids.get(ids.size() - 1);
        assertThat(ids.subList(3, ids.size())).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(last - 26, last).boxed().toList());
        assertThat(Poll.until(() -> counter() - last >= 3)).as("ids kept ahead, counter %d", counter()).isTrue();
        assertThat(counter() - last).as("at most 100 ids kept ahead").isLessThanOrEqualTo(100);
        assertThat(notesInMySql()).hasSize(30);

        // a one-row flush takes the first of the kept ids, a flush of five the ones after it
        Context one = context();
        NoteEntity single = newNote(one, "single");
        one.flush();
        assertThat(single.getId()).isEqualTo(last + 1);
        Context five = context();
        List<NoteEntity> notes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            notes.add(newNote(five, "five " + i));
        }
        five.flush();
        List<Long> fiveIds = notes.stream().map(NoteEntity::getId).toList();
        assertThat(fiveIds.subList(0, 2)).containsExactly(last + 2, last + 3);
        assertThat(counter() - fiveIds.get(4)).as("ids kept ahead").isBetween(0L, 100L);
        assertThat(fiveIds).doesNotHaveDuplicates().isSorted().allMatch(id -> id > last + 1);
        assertThat(notesInMySql()).hasSize(36).containsKeys(fiveIds.toArray(Long[]::new));
    }

    @Test
    void aFlushOfMoreThanTheLimitKeepsNothingAhead() {
        keepOneAhead();
        Context ctx = context();
        List<NoteEntity> notes = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            notes.add(newNote(ctx, "big " + i));
        }
        ctx.flush();
        assertThat(counter()).isEqualTo(notes.get(100).getId());
    }

    @Test
    void aChosenIdEqualToTheKeptOneIsNotHandedOutAgain() {
        long last = keepOneAhead();
        Context chosen = context();
        NOTES.newEntity(chosen, last + 1).setText("chosen: the kept id");
        chosen.flush();
        Context next = context();
        NoteEntity note = newNote(next, "next");
        next.flush();
        assertThat(note.getId()).isGreaterThan(last + 1);
        assertThat(NOTES.mustGetById(context(), last + 1).getText()).isEqualTo("chosen: the kept id");
    }

    @Test
    void forgettingReservedIdsAfterEmptyingTheCounterStartsFromTheSeededCounter() {
        keepOneAhead();
        runtime.sql("DELETE FROM `notes`");
        runtime.redisConnection().sync().del("{notes}:id");
        runtime.engine().forgetReservedIds();
        Context ctx = context();
        NoteEntity note = newNote(ctx, "first again");
        ctx.flush();
        assertThat(note.getId()).isEqualTo(1);
    }

    @Test
    void twoEnginesOnManyThreadsNeverShareAnId() throws Exception {
        long seed = System.nanoTime();
        try (OrmTestRuntime other = OrmTestRuntime.attachedThrough(BASE, null)) {
            int threads = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Map<Long, String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random r = new Random(seed + t);
                String thread = "t" + t;
                Callable<Map<Long, String>> work = () -> {
                    Map<Long, String> mine = new HashMap<>();
                    start.await();
                    for (int f = 0; f < 40; f++) {
                        Context ctx = r.nextBoolean() ? context() : other.newContext();
                        List<NoteEntity> notes = new ArrayList<>();
                        int rows = r.nextBoolean() ? 1 + r.nextInt(8) : 1;
                        for (int i = 0; i < rows; i++) {
                            NoteEntity note = newNote(ctx, thread + "f" + f + "i" + i);
                            if (r.nextInt(4) == 0) {
                                note.getId(); // an id taken before the flush
                            }
                            notes.add(note);
                        }
                        ctx.flush();
                        for (NoteEntity note : notes) {
                            assertThat(mine.put(note.getId(), note.getText())).isNull();
                        }
                    }
                    return mine;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            Map<Long, String> all = new HashMap<>();
            for (Future<Map<Long, String>> result : results) {
                result.get(120, TimeUnit.SECONDS).forEach((id, text) -> assertThat(all.put(id, text))
                        .as("id %d handed out twice (seed %d)", id, seed).isNull());
            }
            pool.shutdown();
            assertThat(notesInMySql()).as("seed %d", seed).isEqualTo(all);
        }
    }

    /** Flushes one-row notes until the table keeps an id ahead; returns the last id used. */
    private long keepOneAhead() {
        for (int f = 0; f < 50; f++) {
            Context ctx = context();
            NoteEntity note = newNote(ctx, "busy " + f);
            ctx.flush();
            if (counter() == note.getId() + 1) {
                return note.getId();
            }
        }
        throw new AssertionError("50 back-to-back one-row flushes kept no id ahead");
    }

    private static NoteEntity newNote(Context ctx, String text) {
        NoteEntity note = NOTES.newEntity(ctx);
        note.setText(text);
        return note;
    }

    private long counter() {
        return Long.parseLong(new String(runtime.redisConnection().sync().get("{notes}:id"), StandardCharsets.US_ASCII));
    }

    private static int incrbys(QueryCounter counter) {
        return (int) counter.queries(QuerySource.REDIS).stream().filter(q -> q.contains("INCRBY")).count();
    }

    private Map<Long, String> notesInMySql() throws SQLException {
        Map<Long, String> rows = new HashMap<>();
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT `ID`, `Text` FROM `notes`")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        }
        return rows;
    }
}
