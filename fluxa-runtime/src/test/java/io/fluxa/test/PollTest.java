package io.fluxa.test;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollTest {

    @Test
    void untilChecksAgainUntilTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();
        assertThat(Poll.until(() -> checks.incrementAndGet() == 3)).isTrue();
        assertThat(checks).hasValue(3);
    }

    @Test
    void untilSaysFalseWhenTheConditionNeverHeldWithinTheBound() {
        AtomicInteger checks = new AtomicInteger();
        assertThat(Poll.until(Duration.ofMillis(50), () -> checks.incrementAndGet() < 0)).isFalse();
        assertThat(checks.get()).as("checked more than once, and once more after the bound").isGreaterThan(1);
    }

    @Test
    void awaitNamesWhatItWaitedForWhenTheConditionNeverHeld() {
        assertThat(Poll.until(Duration.ZERO, () -> true)).as("checked once even without time").isTrue();
        assertThatThrownBy(() -> Poll.await("the impossible", Duration.ofMillis(20), () -> false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the impossible");
        Poll.await("something true", () -> true);
    }

    @Test
    void anInterruptedWaitStopsAndKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThat(Poll.until(() -> false)).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted(); // clears the flag for the next test
        }
    }
}
