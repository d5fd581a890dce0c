package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.FluxaValidationException;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlush;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.OrmTestRuntime;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QuerySource;
import io.fluxa.test.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code flushAsync} and its consumer against the real MySQL and Redis. */
class AsyncFlushTest extends OrmTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final NoteProvider NOTES = NoteProvider.INSTANCE;
    private static final String POOL = Registry.DEFAULT_POOL;

    private AsyncFlushConsumer consumer;

    @BeforeEach
    void drainLeftovers() {
        consumer = runtime.engine().asyncFlush().consumer(POOL, AsyncFlushOptions.DEFAULTS.withBatchSize(200));
        consumer.drain();
    }

    @org.junit.jupiter.api.AfterEach
    void closeConsumer() {
        consumer.close();
    }

    private AsyncFlush async() {
        return runtime.engine().asyncFlush();
    }

    private long streamLength() {
        return runtime.redisConnection().sync().xlen(async().streamKey(POOL));
    }

    /** A new category with code {@code code}, named after it. */
    static CategoryEntity category(Context ctx, String code) {
        CategoryEntity c = CATEGORIES.newEntity(ctx);
        c.setCode(code);
        c.setName("Category " + code);
        return c;
    }

    /** A category written with a plain flush, then loaded into {@code ctx}. */
    private CategoryEntity stored(Context ctx, String code) {
        Context setup = context();
        CategoryEntity c = category(setup, code);
        setup.flush();
        return CATEGORIES.mustGetById(ctx, c.getId());
    }

    private Map<Long, String> mysqlNames(String table, String column) {
        return mysqlNames(runtime, table, column);
    }

    /** {@code column} of every row of {@code table} in MySQL, by id. */
    static Map<Long, String> mysqlNames(OrmTestRuntime runtime, String table, String column) {
        return runtime.mysqlMap("SELECT `ID`, `" + column + "` FROM `" + table + "`");
    }

    @Test
    void badInputFailsInFlushAsyncAndNothingReachesTheStream() {
        long before = streamLength();
        Context ctx = context();
        ProductEntity p = ProductProvider.INSTANCE.newEntity(ctx);
        p.setName("no category");
        assertThatThrownBy(() -> ctx.flushAsync(true))
                .isInstanceOfSatisfying(FluxaValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("category"));
        assertThat(streamLength()).isEqualTo(before);
        assertThat(p.isDirty()).isTrue();
    }

    @Test
    void immediateCacheUpdateShowsTheRowAtOnceInEveryContextBeforeMySqlHasIt() {
        Context ctx = context();
        CategoryEntity c = category(ctx, "imm1");
        ctx.flushAsync(true);
        long id = c.getId();
        assertThat(id).isPositive();
        assertThat(ctx.pendingChanges()).isZero();
        assertThat(mysqlNames("categories", "Name")).doesNotContainKey(id);
        assertThat(CATEGORIES.getById(ctx, id)).containsSame(c);
        // the row was written through to the local cache and Redis: other contexts read it at once
        assertThat(CATEGORIES.getById(freshContext(), id)).map(CategoryEntity::getName).contains("Category imm1");
        runtime.local().clear();
        assertThat(CATEGORIES.getById(freshContext(), id)).map(CategoryEntity::getName).contains("Category imm1");

        assertThat(consumer.drain()).isEqualTo(1);
        assertThat(mysqlNames("categories", "Name")).containsEntry(id, "Category imm1");
        assertThat(CATEGORIES.getById(freshContext(), id)).map(CategoryEntity::getName).contains("Category imm1");
        assertThat(async().stats(POOL).lagEntries()).isZero();
    }

    @Test
    void immediateModeSendsTheRowsAndTheEntryInOneRoundTrip() {
        Context ctx = context();
        CategoryEntity loaded = stored(ctx, "rt1");
        loaded.setName("one trip");
        QueryCounter counter = count(ctx);
        ctx.flushAsync(true);

        assertThat(counter.events(QuerySource.REDIS)).as("Redis round trips of flushAsync(true)").singleElement()
                .satisfies(e -> {
                    assertThat(e.operation()).isEqualTo("PIPELINE");
                    assertThat(e.error()).isNull();
                    assertThat(e.query()).contains("XADD " + async().streamKey(POOL)).contains("write-through-row");
                    assertThat(e.query().indexOf("write-through-row")).as("the row goes first")
                            .isLessThan(e.query().indexOf("XADD"));
                });
        assertThat(counter.mysql()).isZero();
        assertThat(loaded.isDirty()).isFalse();
        runtime.local().clear();
        assertThat(CATEGORIES.getById(freshContext(), loaded.getId())).map(CategoryEntity::getName)
                .as("other contexts read the written-through row before the entry applied").contains("one trip");
        assertThat(mysqlNames("categories", "Name")).containsEntry(loaded.getId(), "Category rt1");
        assertThat(consumer.drain()).isEqualTo(1);
        assertThat(mysqlNames("categories", "Name")).containsEntry(loaded.getId(), "one trip");
        assertThat(CATEGORIES.getById(freshContext(), loaded.getId())).map(CategoryEntity::getName)
                .contains("one trip");
    }

    @Test
    void aRefusedXaddLeavesTheEntitiesDirtyAndTheNextFlushAsyncSendsThem() {
        Context ctx = context();
        CategoryEntity loaded = stored(ctx, "rt3");
        loaded.setName("after refusal");
        String stream = async().streamKey(POOL);
        consumer.drain();
        runtime.redisConnection().sync().del(stream);
        runtime.redisConnection().sync().set(stream, "not a stream".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> ctx.flushAsync(true)).isInstanceOf(io.fluxa.RedisCommandException.class)
                    .hasMessageContaining("XADD");
            assertThat(loaded.isDirty()).as("nothing reached the stream: still dirty").isTrue();
        } finally {
            runtime.redisConnection().sync().del(stream);
        }
        ctx.flushAsync(true);
        assertThat(loaded.isDirty()).isFalse();
        assertThat(consumer.drain()).isEqualTo(1);
        assertThat(mysqlNames("categories", "Name")).containsEntry(loaded.getId(), "after refusal");
    }

    @Test
    void withoutCacheUpdateTheEntryIsOneRoundTripToo() {
        Context ctx = context();
        stored(ctx, "rt2").setName("deferred trip");
        QueryCounter counter = count(ctx);
        ctx.flushAsync(false);
        assertThat(counter.events(QuerySource.REDIS)).singleElement()
                .satisfies(e -> assertThat(e.query()).contains("XADD").doesNotContain("invalidate-row")
                        .doesNotContain("write-through-row"));
        assertThat(consumer.drain()).isEqualTo(1);
    }

    @Test
    void withoutCacheUpdateCachesChangeWhenTheConsumerApplies() {
        Context ctx = context();
        CategoryEntity c = category(ctx, "def1");
        ctx.flush();
        long id = c.getId();
        c.setName("Renamed later");
        ctx.flushAsync(false);
        runtime.local().clear();
        assertThat(CATEGORIES.getById(freshContext(), id)).map(CategoryEntity::getName).contains("Category def1");
        assertThat(consumer.drain()).isEqualTo(1);
        runtime.local().clear();
        assertThat(CATEGORIES.getById(freshContext(), id)).map(CategoryEntity::getName).contains("Renamed later");
        assertThat(mysqlNames("categories", "Name")).containsEntry(id, "Renamed later");
    }

    @Test
    void tenThousandAsyncFlushesAreDrainedWithEveryRowRightInMySqlAndEveryCache() {
        Map<Long, String> expected = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            Context ctx = context();
            CategoryEntity c = category(ctx, "t" + i);
            ctx.flushAsync(i % 2 == 0);
            expected.put(c.getId(), "Category t" + i);
        }
        // order-dependent updates of one row: only the last value may remain
        Context ctx = context();
        CategoryEntity last = category(ctx, "order");
        ctx.flushAsync(true);
        for (int i = 0; i < 50; i++) {
            last.setName("v" + i);
            ctx.flushAsync(i % 2 == 0);
        }
        expected.put(last.getId(), "v49");
        assertThat(async().stats(POOL).lagEntries()).isEqualTo(10_051);

        assertThat(consumer.drain()).isEqualTo(10_051);

        Map<Long, String> mysql = mysqlNames("categories", "Name");
        for (Map.Entry<Long, String> e : expected.entrySet()) {
            assertThat(mysql).containsEntry(e.getKey(), e.getValue());
        }
        runtime.local().clear();
        List<Long> ids = new ArrayList<>(expected.keySet());
        for (CategoryEntity c : CATEGORIES.getByIds(freshContext(), ids)) {
            assertThat(c.getName()).isEqualTo(expected.get(c.getId()));
        }
        for (long id : ids) {
            assertThat(runtime.redisConnection().sync().exists(CATEGORIES.redisKey(runtime.engine(), id)))
                    .as("Redis row of category %d", id).isEqualTo(1L);
        }
        AsyncFlush.Stats stats = async().stats(POOL);
        assertThat(stats.lagEntries()).isZero();
        assertThat(stats.deadLetters()).isZero();
        assertThat(async().count(AsyncFlush.Counter.APPLIED, POOL)).isGreaterThanOrEqualTo(10_051);
    }

    @Test
    void aDuplicateKeyEntryIsDeadLetteredWhileItsNeighboursApplyAndItsCachedRowIsEvicted() {
        Context first = context();
        CategoryEntity before = category(first, "dupA");
        first.flushAsync(true);
        Context second = context();
        CategoryEntity duplicate = category(second, "dupA"); // same unique code: MySQL refuses it
        second.flushAsync(true);
        Context third = context();
        CategoryEntity after = category(third, "dupB");
        third.flushAsync(true);
        consumer.drain();

        Map<Long, String> mysql = mysqlNames("categories", "Code");
        assertThat(mysql).containsEntry(before.getId(), "dupA").containsEntry(after.getId(), "dupB")
                .doesNotContainKey(duplicate.getId());
        List<AsyncFlush.DeadLetter> letters = async().deadLetters(POOL, 10);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).error()).contains("duplicate").contains("Code");
        assertThat(letters.get(0).operations()).isEqualTo("INSERT Category " + duplicate.getId());
        assertThat(new String(runtime.redisConnection().sync().get(CATEGORIES.redisKey(runtime.engine(), duplicate.getId())),
                StandardCharsets.ISO_8859_1)).as("only the tombstone's generation is left").matches("T[1-9][0-9]*::");
        assertThat(CATEGORIES.getById(freshContext(), duplicate.getId())).isEmpty();
        runtime.local().clear();
        assertThat(CATEGORIES.getById(freshContext(), duplicate.getId())).isEmpty();

        // fixed: the other row gives the code up; the re-driven entry applies
        Context fix = context();
        CategoryEntity holder = CATEGORIES.mustGetById(fix, before.getId());
        holder.setCode("dupC");
        fix.flush();
        assertThat(async().redrive(POOL, letters.get(0).id())).isTrue();
        assertThat(consumer.drain()).isEqualTo(1);
        assertThat(mysqlNames("categories", "Code")).containsEntry(duplicate.getId(), "dupA");
        assertThat(async().deadLetters(POOL, 10)).isEmpty();
    }

    @Test
    void deletesAndNotesWithoutCacheApplyInOrder() {
        Context ctx = context();
        NoteEntity note = NOTES.newEntity(ctx);
        note.setText("one");
        ctx.flushAsync(false);
        note.setText("two");
        ctx.flushAsync(false);
        CategoryEntity gone = category(ctx, "gone");
        ctx.flushAsync(true);
        CATEGORIES.mustGetById(ctx, gone.getId());
        gone.delete();
        ctx.flushAsync(true);
        consumer.drain();
        assertThat(mysqlNames("notes", "Text")).containsEntry(note.getId(), "two");
        assertThat(mysqlNames("categories", "Code")).doesNotContainKey(gone.getId());
    }

    /** Enqueues {@code count} new notes, each in a flush of its own; returns their ids in order. */
    private List<Long> notes(int count) {
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Context ctx = context();
            NoteEntity note = NOTES.newEntity(ctx);
            note.setText("note " + i);
            ctx.flushAsync(false);
            ids.add(note.getId());
        }
        return ids;
    }

    @Test
    void appliedEntriesAreTrimmedEveryFewBatchesAndWhenTheStreamIsDrained() {
        List<Long> ids = notes(49); // 25 batches of 2: the consumer trims every 8 batches, and at the end
        try (AsyncFlushConsumer small = async().consumer(POOL, AsyncFlushOptions.DEFAULTS.withBatchSize(2))) {
            consumer.close(); // one consumer at a time holds the lease
            assertThat(small.drain()).isEqualTo(ids.size());
        }
        // the trim is not waited for: poll until Redis ran it (XTRIM MINID keeps the last applied entry)
        Poll.until(() -> streamLength() <= 1);
        assertThat(streamLength()).isEqualTo(1);
        assertThat(mysqlNames("notes", "Text")).containsKeys(ids.toArray(Long[]::new));
        assertThat(async().stats(POOL).lagEntries()).isZero();
    }

    @Test
    void lagCountsOnlyEntriesAfterTheOffsetWhenThousandsOfAppliedOnesAreStillInTheStream() {
        String applied = async().stats(POOL).lastApplied();
        notes(2_600);
        List<String> stream = new ArrayList<>();
        for (var message : runtime.redisConnection().sync().xrange(async().streamKey(POOL),
                io.lettuce.core.Range.create("-", "+"))) {
            stream.add(message.getId());
        }
        String pretendApplied = stream.get(stream.size() - 100); // as if a consumer applied all but 99, untrimmed
        runtime.sql("UPDATE _fluxa_async_flush SET last_id = '" + pretendApplied + "' WHERE last_id = '" + applied + "'");
        try {
            assertThat(async().stats(POOL).lagEntries()).isEqualTo(99);
        } finally {
            runtime.sql("UPDATE _fluxa_async_flush SET last_id = '" + applied + "' WHERE last_id = '" + pretendApplied + "'");
        }
        assertThat(consumer.drain()).isEqualTo(2_600);
        assertThat(async().stats(POOL).lagEntries()).isZero();
    }
}
