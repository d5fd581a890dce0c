package io.fluxa.cache;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stride policy of one table of {@link IdPrefetch}, driven with chosen times. The counter is a
 * field here instead of Redis: {@code IdPrefetchTest} (integration tests) runs the same policy on the
 * real counters; this test reaches the timings a real clock cannot give a build (pauses of exactly
 * 150 ms, two seconds).
 */
class IdPrefetchTableTest {

    private static final long MS = 1_000_000L;

    private final IdPrefetch.Table table = new IdPrefetch.Table();
    /** The last id handed out by the stand-in counter. */
    private long counter;
    /** The size of every call sent through the table, in order. */
    private final List<Integer> sent = new ArrayList<>();

    @Test
    void aBusyTableDoublesItsStrideWhileKeptIdsLastLessThanTheGrowthTime() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.addAll(reserve(1, i * MS / 2)); // a range of 100 lasts 50 ms
        }
        // the first reservation is not busy: it reserves alone (nothing sent through the table)
        assertThat(sent.subList(0, 8)).containsExactly(2, 2, 4, 8, 16, 32, 64, 100);
        assertThat(sent.subList(8, sent.size())).containsOnly(100);
        assertThat(ids).hasSize(300).doesNotHaveDuplicates().isSorted();
        assertThat(ids.get(299) - ids.get(0)).as("one thread's ids are consecutive").isEqualTo(299);
        assertThat(table.held()).isBetween(1, 100);
        assertThat(counter - ids.get(299)).isEqualTo(table.held());
    }

    @Test
    void aStrideThatOutlastsTheGrowthTimeIsHalvedDownToTheReservationsSize() {
        long now = 0;
        for (int i = 0; i < 20; i++, now += MS) {
            reserve(1, now); // strides 1, 2, 4, 8, 16
        }
        sent.clear();
        for (int i = 0; i < 60; i++, now += 30 * MS) {
            reserve(1, now);
        }
        // at one reservation per 30 ms, the 16 kept last lasted longer than 100 ms, then 8 and 4 did; two
        // last 60 ms, so the stride settles on the ids the table takes in about 100 ms
        assertThat(sent).startsWith(8, 4, 2);
        assertThat(sent.subList(3, sent.size())).isNotEmpty().containsOnly(2, 4);
        sent.clear();
        for (int i = 0; i < 10; i++, now += 500 * MS) {
            reserve(1, now);
        }
        // (a call also carries the reservation's own id when the kept ones ran out or expired)
        assertThat(sent).as("one reservation per 500 ms keeps one id ahead").endsWith(1, 1, 1, 1, 1)
                .allMatch(n -> n <= 2);
    }

    @Test
    void aRangeKeptLongerThanTheWindowIsDroppedAndTheStrideStartsAgain() {
        for (int i = 0; i < 40; i++) {
            reserve(1, i * MS); // strides up to 32
        }
        long before = counter;
        int kept = table.held();
        assertThat(kept).isPositive();
        sent.clear();
        // two seconds later the table is not busy and its range is older than the window
        List<Long> after = reserve(1, 2_000 * MS);
        assertThat(after).containsExactly(before + 1); // the kept ids are a gap; the caller reserved alone
        assertThat(sent).isEmpty();
        assertThat(table.held()).isZero();
        reserve(1, 2_001 * MS);
        assertThat(sent).containsExactly(2); // its own id and a stride of one again
    }

    @Test
    void aReservationOverTheLimitTakesTheKeptIdsAndKeepsNothing() {
        for (int i = 0; i < 10; i++) {
            reserve(1, i * MS);
        }
        int kept = table.held();
        long first = counter - kept + 1;
        sent.clear();
        List<Long> ids = reserve(150, 11 * MS);
        assertThat(ids).hasSize(150).doesNotHaveDuplicates().isSorted();
        assertThat(ids.get(0)).isEqualTo(first);
        assertThat(sent).containsExactly(150 - kept);
        assertThat(table.held()).isZero();
    }

    @Test
    void mixedSizesAndPausesNeverKeepMoreThanTheLimitNorHandAnIdOutTwice() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<Long> seen = new HashSet<>();
        long now = 0;
        for (int i = 0; i < 5_000; i++) {
            int count = random.nextInt(10) == 0 ? 1 + random.nextInt(120) : 1 + random.nextInt(4);
            now += random.nextInt(20) == 0 ? random.nextInt(1_500) * MS : random.nextInt(3) * MS;
            for (long id : reserve(count, now)) {
                assertThat(seen.add(id)).as("id %d twice (seed %d)", id, seed).isTrue();
            }
            assertThat(table.held()).as("seed %d", seed).isBetween(0, IdPrefetch.AHEAD_LIMIT);
        }
    }

    /** One reservation of {@code count} ids at {@code now}, as {@link IdPrefetch#start} makes it. */
    private List<Long> reserve(int count, long now) {
        List<IdPrefetch.Kept> taken = new ArrayList<>();
        IdPrefetch.SharedReply reply = table.take(count, now, taken, n -> {
            sent.add(n);
            long first = counter + 1;
            counter += n;
            return new IdPrefetch.SharedReply((awaiting, beforeSeeding) -> first);
        });
        List<Long> ids = new ArrayList<>();
        for (IdPrefetch.Kept kept : taken) {
            long first = kept.reply().first(null, IdCounters.NOTHING_HELD) + kept.offset();
            for (long id = first; id < first + kept.count(); id++) {
                ids.add(id);
            }
        }
        int missing = count - ids.size();
        long first;
        if (missing == 0) {
            return ids;
        } else if (reply == null) {
            first = counter + 1; // the caller's own call, outside the table
            counter += missing;
        } else {
            first = reply.first(null, IdCounters.NOTHING_HELD);
        }
        for (long id = first; id < first + missing; id++) {
            ids.add(id);
        }
        return ids;
    }
}
