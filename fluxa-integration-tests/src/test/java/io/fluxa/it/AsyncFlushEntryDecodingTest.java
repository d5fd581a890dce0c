package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlush;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.support.OrmTestBase;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer reads entry bodies in place and decodes column values straight into the row: entries
 * it cannot apply still go to the dead letters exactly as before, with their operations when the
 * body could be read, while the entries around them apply.
 */
class AsyncFlushEntryDecodingTest extends OrmTestBase {

    private static final String POOL = Registry.DEFAULT_POOL;
    /** The stream entry's body field (the runtime's {@code AsyncKeys.BODY}). */
    private static final String BODY = "f";

    private AsyncFlushConsumer consumer;

    @BeforeEach
    void drainLeftovers() {
        consumer = runtime.engine().asyncFlush().consumer(POOL, AsyncFlushOptions.DEFAULTS.withBatchSize(50));
        consumer.drain();
        for (AsyncFlush.DeadLetter letter : runtime.engine().asyncFlush().deadLetters(POOL, 1000)) {
            runtime.redisConnection().sync().xdel(runtime.engine().asyncFlush().streamKey(POOL) + ":dead", letter.id());
        }
    }

    @AfterEach
    void closeConsumer() {
        consumer.close();
    }

    /** Enqueues a note with {@code text} and takes its entry out of the stream again; returns the body. */
    private byte[] takenEntry(Context ctx, String text) {
        NoteEntity note = NoteProvider.INSTANCE.newEntity(ctx);
        note.setText(text);
        ctx.flushAsync(false);
        String stream = runtime.engine().asyncFlush().streamKey(POOL);
        List<StreamMessage<String, byte[]>> entries = runtime.redisConnection().sync()
                .xrevrange(stream, Range.create("-", "+"), Limit.from(1));
        runtime.redisConnection().sync().xdel(stream, entries.get(0).getId());
        return entries.get(0).getBody().get(BODY);
    }

    private void add(byte[] body) {
        runtime.redisConnection().sync().xadd(runtime.engine().asyncFlush().streamKey(POOL), Map.of(BODY, body));
    }

    private static int indexOf(byte[] body, String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + wanted.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError(text + " is not in the entry");
    }

    @Test
    void anEntryNamingAColumnTheSchemaLacksIsDeadLetteredWithItsOperationsWhileItsNeighboursApply() {
        Context ctx = context();
        NoteEntity before = NoteProvider.INSTANCE.newEntity(ctx);
        before.setText("before the renamed column");
        ctx.flushAsync(false);
        byte[] renamed = takenEntry(ctx, "with a renamed column");
        int at = indexOf(renamed, "Text");
        System.arraycopy("Txet".getBytes(StandardCharsets.UTF_8), 0, renamed, at, 4); // as if written by another schema
        add(renamed);
        NoteEntity after = NoteProvider.INSTANCE.newEntity(ctx);
        after.setText("after the renamed column");
        ctx.flushAsync(false);

        assertThat(consumer.drain()).isEqualTo(2);

        Map<Long, String> mysql = AsyncFlushTest.mysqlNames(runtime, "notes", "Text");
        assertThat(mysql).containsEntry(before.getId(), "before the renamed column")
                .containsEntry(after.getId(), "after the renamed column")
                .doesNotContainValue("with a renamed column");
        List<AsyncFlush.DeadLetter> letters = runtime.engine().asyncFlush().deadLetters(POOL, 10);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).error()).contains("unknown column Txet");
        assertThat(letters.get(0).operations()).matches("INSERT Note \\d+");
        assertThat(letters.get(0).attempts()).isEqualTo(1);
    }

    @Test
    void anEntryCutShortIsDeadLetteredAsUndecodableWhileItsNeighboursApply() {
        Context ctx = context();
        byte[] whole = takenEntry(ctx, "cut short");
        add(Arrays.copyOf(whole, whole.length - 12)); // ends inside the value of the note's text
        NoteEntity after = NoteProvider.INSTANCE.newEntity(ctx);
        after.setText("after the cut entry");
        ctx.flushAsync(false);

        assertThat(consumer.drain()).isEqualTo(1);

        assertThat(AsyncFlushTest.mysqlNames(runtime, "notes", "Text"))
                .containsEntry(after.getId(), "after the cut entry").doesNotContainValue("cut short");
        List<AsyncFlush.DeadLetter> letters = runtime.engine().asyncFlush().deadLetters(POOL, 10);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).operations()).isEqualTo("(the entry could not be decoded)");
        assertThat(letters.get(0).error()).contains("cannot decode the async flush entry");
    }
}
