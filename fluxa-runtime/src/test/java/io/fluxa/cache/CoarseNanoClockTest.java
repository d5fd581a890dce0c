package io.fluxa.cache;

import io.fluxa.test.Poll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clock that stamps context-cache entries: behind {@code System.nanoTime()}, never ahead; its
 * thread sleeps while nobody reads it and the first read after that is fresh.
 */
class CoarseNanoClockTest {

    @Test
    void neverAheadOfNanoTime() {
        for (int i = 0; i < 100_000; i++) {
            long coarse = CoarseNanoClock.now();
            assertThat(coarse).isLessThanOrEqualTo(System.nanoTime());
        }
    }

    @Test
    void movesOnByItself() {
        long first = CoarseNanoClock.now();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long later = first;
        while (later == first && System.nanoTime() - giveUp < 0) {
            Thread.onSpinWait();
            later = CoarseNanoClock.now();
        }
        assertThat(later).as("the ticker thread refreshed the reading").isGreaterThan(first);
        assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
            assertThat(t.getName()).isEqualTo("fluxa-coarse-clock");
            assertThat(t.isDaemon()).isTrue();
        });
    }

    @Test
    void sleepsWhileNobodyReadsAndTheFirstReadAfterThatIsFresh() {
        // nothing else in this JVM reads the clock now (no context caches in use), so the thread goes to sleep
        Poll.await("the clock thread sleeps after " + CoarseNanoClock.QUIET_TICKS + " ticks without a read",
                CoarseNanoClock::asleep);
        long before = System.nanoTime();
        long first = CoarseNanoClock.now();
        assertThat(first).as("read from the clock itself, not a reading kept from before the sleep")
                .isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(System.nanoTime());
        long woken = CoarseNanoClock.now();
        long later = woken;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (later == woken && System.nanoTime() - giveUp < 0) {
            Thread.onSpinWait();
            later = CoarseNanoClock.now();
        }
        assertThat(later).as("the read woke the thread, which refreshes the reading again").isGreaterThan(woken);
        assertThat(CoarseNanoClock.asleep()).isFalse();
    }

    @Test
    void readsFromManyThreadsAroundItsSleepsAreNeverAheadAndKeepMoving() throws InterruptedException {
        Thread[] readers = new Thread[4];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < readers.length; t++) {
            readers[t] = new Thread(() -> {
                try {
                    for (int round = 0; round < 3; round++) {
                        Poll.await("the clock thread sleeps", CoarseNanoClock::asleep);
                        for (int i = 0; i < 20_000; i++) {
                            long coarse = CoarseNanoClock.now();
                            assertThat(coarse).isLessThanOrEqualTo(System.nanoTime());
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            readers[t].start();
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.MINUTES.toMillis(2));
        }
        assertThat(failure.get()).isNull();
        long woken = CoarseNanoClock.now();
        assertThat(Poll.until(() -> CoarseNanoClock.now() > woken)).as("still ticking after the races").isTrue();
    }
}
