package io.fluxa.async;

import io.fluxa.Engine;
import io.fluxa.redis.RedisPool;
import io.fluxa.test.FluxaTest;
import io.fluxa.test.Poll;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's stream reads on the real Redis: chunks of several batches, the read ahead, and what
 * the position decides.
 */
@FluxaTest(database = "fluxa_batch_reader")
class BatchReaderTest {

    private static final String STREAM = "batch-reader-test";
    private static final int BATCH = 4;

    Engine engine;

    private RedisPool redis;
    private RedisCommands<String, byte[]> commands;
    private BatchReader reader;
    private int newReads;

    @BeforeEach
    void setUp() {
        redis = engine.redis("default");
        commands = redis.connection().sync();
        commands.del(STREAM);
        reader = new BatchReader(redis, STREAM, BATCH, () -> newReads++);
    }

    @AfterEach
    void close() {
        reader.close();
    }

    /** Adds {@code count} entries with bodies "b&lt;from&gt;", "b&lt;from+1&gt;", …; returns their ids. */
    private List<String> add(int from, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            ids.add(commands.xadd(STREAM, Map.of(AsyncKeys.BODY, ("b" + i).getBytes(StandardCharsets.UTF_8))));
        }
        return ids;
    }

    private static List<String> bodies(List<AsyncApplier.Raw> batch) {
        return batch.stream().map(raw -> new String(raw.body(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void chunkSizeIsFourBatchesUpToTwoThousandEntriesAndAtLeastOneBatch() {
        assertThat(BatchReader.chunkSize(1)).isEqualTo(4);
        assertThat(BatchReader.chunkSize(500)).isEqualTo(2000);
        assertThat(BatchReader.chunkSize(800)).isEqualTo(2000);
        assertThat(BatchReader.chunkSize(5000)).isEqualTo(5000);
        assertThat(BatchReader.chunkSize(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void handsOutBatchesInStreamOrderAndKnowsTheNextBatchWithinAChunkAndAcrossTheReadAhead() {
        List<String> ids = add(0, 30); // a first read of one batch, then chunks of 16: 4 | 4, 4, 4, 4 | 4, 4, 2
        String position = "0-0";
        List<String> seen = new ArrayList<>();
        for (int batch = 0; batch < 8; batch++) {
            List<AsyncApplier.Raw> entries = reader.next(position, Duration.ZERO);
            int from = batch * BATCH;
            assertThat(entries).hasSize(Math.min(BATCH, 30 - from));
            seen.addAll(bodies(entries));
            int nextEnd = Math.min(30, from + 2 * BATCH);
            String expectedNext = nextEnd > from + BATCH ? ids.get(nextEnd - 1) : null;
            if (batch == 0 || batch == 4) { // the last batch of a read: the next one is in the read ahead's reply
                assertThat(pollNextLast()).as("after batch %d", batch).isEqualTo(expectedNext);
            } else {
                assertThat(reader.nextLast()).as("after batch %d", batch).isEqualTo(expectedNext);
            }
            // the batch planned ahead: the next one when it is in hand or its read ahead replied
            List<AsyncApplier.Raw> following = reader.following();
            if (expectedNext == null) {
                assertThat(following).as("after batch %d", batch).isNull();
            } else {
                assertThat(bodies(following)).as("after batch %d", batch)
                        .containsExactlyElementsOf(bodiesOf(from + BATCH, nextEnd));
            }
            position = entries.get(entries.size() - 1).id();
        }
        assertThat(seen).containsExactlyElementsOf(bodiesOf(0, 30));
        assertThat(newReads).isEqualTo(1); // only the first batch was a new read; the chunks came ahead
        assertThat(reader.next(position, Duration.ZERO)).isEmpty();
        assertThat(newReads).isEqualTo(2); // the read ahead came back empty: read again before giving up
    }

    /** {@link BatchReader#nextLast()} waits for the read ahead only briefly: ask until its reply is here. */
    private String pollNextLast() {
        assertThat(Poll.until(reader::readAheadReplied)).isTrue();
        return reader.nextLast();
    }

    private static List<String> bodiesOf(int from, int to) {
        List<String> bodies = new ArrayList<>();
        for (int i = from; i < to; i++) {
            bodies.add("b" + i);
        }
        return bodies;
    }

    @Test
    void aPositionPastTheChunkReadsAnewFromThere() {
        List<String> ids = add(0, 20);
        assertThat(bodies(reader.next("0-0", Duration.ZERO))).containsExactlyElementsOf(bodiesOf(0, 4));
        // another consumer applied up to entry 9 meanwhile: the chunk in hand (entries 4..15) is not used
        assertThat(bodies(reader.next(ids.get(9), Duration.ZERO))).containsExactlyElementsOf(bodiesOf(10, 14));
        assertThat(newReads).isEqualTo(2);
        assertThat(bodies(reader.next(ids.get(13), Duration.ZERO))).containsExactlyElementsOf(bodiesOf(14, 18));
        assertThat(newReads).isEqualTo(2);
    }

    @Test
    void aBatchRetriedFromTheSamePositionIsNotSkipped() {
        add(0, 10);
        List<AsyncApplier.Raw> first = reader.next("0-0", Duration.ZERO);
        assertThat(bodies(first)).containsExactlyElementsOf(bodiesOf(0, 4));
        // the batch failed and the consumer came back from the same position (after losing its lease)
        reader.forget();
        assertThat(bodies(reader.next("0-0", Duration.ZERO))).containsExactlyElementsOf(bodiesOf(0, 4));
    }

    @Test
    void entriesAddedAfterTheReadAheadCameBackEmptyAreRead() {
        add(0, 3);
        List<AsyncApplier.Raw> batch = reader.next("0-0", Duration.ZERO);
        assertThat(bodies(batch)).containsExactly("b0", "b1", "b2");
        assertThat(Poll.until(reader::readAheadReplied)).isTrue();
        assertThat(reader.nextLast()).isNull(); // the read ahead found nothing after them
        add(3, 2);
        assertThat(bodies(reader.next(batch.get(2).id(), Duration.ZERO))).containsExactly("b3", "b4");
        assertThat(newReads).isEqualTo(2);
    }

    @Test
    void aBlockingReadWaitsForTheFirstEntry() throws Exception {
        CompletableFuture<List<AsyncApplier.Raw>> read = CompletableFuture.supplyAsync(
                () -> reader.next("0-0", Duration.ofSeconds(30)));
        // add the entry only once Redis holds the read blocked (a client of this test's database in XREAD)
        String db = " db=" + field(commands.clientInfo(), "db") + " ";
        assertThat(Poll.until(() -> commands.clientList().lines().anyMatch(client -> client.contains(db)
                && client.contains("cmd=xread") && field(client, "flags").contains("b")))).isTrue();
        add(0, 1);
        assertThat(bodies(read.get(30, TimeUnit.SECONDS))).containsExactly("b0");
    }

    /** The value of {@code name=} in a {@code CLIENT LIST} / {@code CLIENT INFO} line. */
    private static String field(String client, String name) {
        for (String pair : client.trim().split(" ")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "";
    }
}
