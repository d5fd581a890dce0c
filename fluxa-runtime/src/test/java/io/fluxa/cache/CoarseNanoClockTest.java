package io.fluxa.cache;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock that stamps context-cache entries: behind {@code System.nanoTime()}, never ahead. */
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
}
