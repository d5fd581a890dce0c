package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two consumers of one pool whose leases overlap: the old holder's lease ran out without it noticing
 * (its key is deleted here, as an expiry during a long pause would), a new holder took it over.
 * Every entry applies exactly once, and the old holder is stopped before it writes anything once
 * the new one committed.
 */
class AsyncFlushFencingTest extends OrmTestBase {

    private static final String POOL = Registry.DEFAULT_POOL;
    /**
     * A lease long enough that no refresh of the old holder's lease notices the takeover during the test;
     * batches of one entry, so that a drain of several entries moves the offset of each batch after the
     * first in the round trip of the previous batch's commit.
     */
    private static final AsyncFlushOptions OPTIONS = AsyncFlushOptions.DEFAULTS.withLeaseTtl(Duration.ofMinutes(2))
            .withBatchSize(1);

    private AsyncFlushConsumer old;
    private AsyncFlushConsumer next;

    @BeforeEach
    void consumers() {
        old = runtime.engine().asyncFlush().consumer(POOL, OPTIONS);
        next = runtime.engine().asyncFlush().consumer(POOL, OPTIONS);
        old.drain();
    }

    @AfterEach
    void close() {
        old.close();
        next.close();
    }

    private NoteEntity note(String text) {
        Context ctx = context();
        NoteEntity note = NoteProvider.INSTANCE.newEntity(ctx);
        note.setText(text);
        ctx.flushAsync(false);
        return note;
    }

    private List<NoteEntity> notes(String prefix, int count) {
        List<NoteEntity> notes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            notes.add(note(prefix + i));
        }
        return notes;
    }

    /** The lease's lock key disappears, as when its TTL ran out while the holder was paused. */
    private void expireLease() {
        String key = runtime.engine().redis(POOL).keyPrefix() + "lock:{fluxa-async-flush:" + POOL + ":"
                + runtime.engine().db(POOL).database() + "}";
        assertThat(runtime.redisConnection().sync().del(key)).isEqualTo(1);
    }

    @Test
    void theOldHolderMayCommitUntilTheNewOneDoesAndIsFencedBeforeWritingAfterwards() {
        NoteEntity one = note("one");
        assertThat(old.drain()).isEqualTo(1);
        expireLease();
        assertThat(next.drain()).isZero(); // takes the lease (a newer fencing token) and reads the offset

        // the old holder still believes it holds the lease; nobody committed since its last batch
        NoteEntity two = note("two");
        assertThat(old.drain()).isEqualTo(1);

        // the new holder starts where it read the offset, finds "two" applied and skips it
        NoteEntity three = note("three");
        assertThat(next.drain()).isEqualTo(1);

        // the new holder's commit raised the token in the offset row: the old one rolls back, writes nothing
        NoteEntity four = note("four");
        assertThat(old.drain()).isZero();
        assertThat(old.isActive()).isFalse();
        assertThat(AsyncFlushTest.mysqlNames(runtime, "notes", "Text")).doesNotContainKey(four.getId());

        assertThat(next.drain()).isEqualTo(1);
        assertThat(AsyncFlushTest.mysqlNames(runtime, "notes", "Text"))
                .containsEntry(one.getId(), "one")
                .containsEntry(two.getId(), "two")
                .containsEntry(three.getId(), "three")
                .containsEntry(four.getId(), "four");
        assertThat(runtime.engine().asyncFlush().stats(POOL).deadLetters()).isZero();
        assertThat(runtime.engine().asyncFlush().stats(POOL).lagEntries()).isZero();
    }

    @Test
    void offsetsMovedWithThePreviousCommitKeepEveryEntryOnceAcrossATakeover() {
        List<NoteEntity> all = new ArrayList<>(notes("a", 3));
        assertThat(old.drain()).isEqualTo(3);
        expireLease();
        assertThat(next.drain()).isZero();

        all.addAll(notes("b", 3));
        assertThat(old.drain()).isEqualTo(3); // nobody committed since its last batch

        all.addAll(notes("c", 3));
        assertThat(next.drain()).isEqualTo(3); // skips the b entries the old holder applied

        List<NoteEntity> fenced = notes("d", 3);
        assertThat(old.drain()).isZero();
        assertThat(old.isActive()).isFalse();
        Map<Long, String> names = AsyncFlushTest.mysqlNames(runtime, "notes", "Text");
        for (NoteEntity note : fenced) {
            assertThat(names).doesNotContainKey(note.getId());
        }

        assertThat(next.drain()).isEqualTo(3);
        all.addAll(fenced);
        names = AsyncFlushTest.mysqlNames(runtime, "notes", "Text");
        for (NoteEntity note : all) {
            assertThat(names).containsEntry(note.getId(), note.getText());
        }
        assertThat(runtime.engine().asyncFlush().stats(POOL).deadLetters()).isZero();
        assertThat(runtime.engine().asyncFlush().stats(POOL).lagEntries()).isZero();
    }
}
