package io.fluxa.redis;

import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The circuit breaker with per-pool settings: how many failures in a row open it, when it probes
 * first and how often after that, and the settings' validation. The probe timing is checked on the
 * delays the breaker hands to its scheduler, so no test measures time.
 */
class CircuitBreakerSettingsTest {

    /** Records every delay the breaker asks for, then runs the probe at once. */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final List<Long> delaysMillis = new CopyOnWriteArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delaysMillis.add(unit.toMillis(delay));
            return super.schedule(command, 0, TimeUnit.MILLISECONDS);
        }
    }

    private final RecordingScheduler scheduler = new RecordingScheduler();
    private final AtomicInteger pings = new AtomicInteger();
    /** The first {@code failingPings} PINGs fail, the next ones answer. */
    private volatile int failingPings = Integer.MAX_VALUE;

    private CircuitBreaker breaker(CircuitBreakerSettings settings) {
        return new CircuitBreaker("cache", () -> pings.incrementAndGet() <= failingPings
                ? CompletableFuture.failedFuture(new IllegalStateException("connection refused"))
                : CompletableFuture.completedFuture("PONG"), scheduler, settings);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void defaultsAreOneFailureAFirstProbeAfter250MsThenEverySecond() {
        assertThat(CircuitBreakerSettings.DEFAULTS).isEqualTo(new CircuitBreakerSettings(1, Duration.ofMillis(250),
                Duration.ofSeconds(1)));
        assertThat(new RedisPoolSettings(null, null, null).circuitBreaker()).isEqualTo(CircuitBreakerSettings.DEFAULTS);
        CircuitBreaker breaker = breaker(null);
        assertThat(breaker.settings()).isEqualTo(CircuitBreakerSettings.DEFAULTS);
        breaker.failure("timed out");
        assertThat(breaker.isOpen()).isTrue();
        breaker.close();
    }

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndAnAnswerStartsTheCountAgain() {
        CircuitBreaker breaker = breaker(CircuitBreakerSettings.DEFAULTS.withFailureThreshold(3));
        breaker.failure("timed out");
        breaker.failure("timed out");
        assertThat(breaker.isOpen()).as("2 of 3 failures").isFalse();
        breaker.check("GET k"); // still sends
        breaker.answered();
        breaker.failure("timed out");
        breaker.failure("timed out");
        assertThat(breaker.isOpen()).as("an answer reset the count: 2 of 3 again").isFalse();
        breaker.failure("refused");
        assertThat(breaker.isOpen()).isTrue();
        assertThat(breaker.timesOpened()).isEqualTo(1);
        assertThat(breaker.lastFailure()).contains("refused"); // or the failed probe's
        assertThatThrownBy(() -> breaker.check("GET k")).isInstanceOf(PoolUnavailableException.class)
                .hasMessageContaining("Redis pool 'cache' is unavailable").hasMessageContaining("GET k was not sent");
        assertThat(breaker.rejectedCommands()).isEqualTo(1);
        breaker.close();
    }

    @Test
    void probesFirstAfterTheOpenDurationThenAtTheProbeIntervalUntilAnAnswerClosesIt() throws InterruptedException {
        failingPings = 2;
        CircuitBreaker breaker = breaker(new CircuitBreakerSettings(2, Duration.ofMillis(40), Duration.ofMillis(15)));
        breaker.failure("timed out");
        assertThat(breaker.timesOpened()).isZero();
        breaker.failure("timed out");
        assertThat(breaker.timesOpened()).isEqualTo(1); // the probes may have closed it again already
        for (int i = 0; i < 500 && breaker.isOpen(); i++) {
            Thread.sleep(10); // the scheduler runs each probe at once
        }
        assertThat(breaker.isOpen()).as("closed by the third PING, the first that answered").isFalse();
        assertThat(pings.get()).isEqualTo(3);
        assertThat(scheduler.delaysMillis).containsExactly(40L, 15L, 15L);
        // it counts afresh after closing: one failure of two does not open it again
        breaker.failure("timed out");
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.timesOpened()).isEqualTo(1);
        breaker.failure("timed out");
        assertThat(breaker.timesOpened()).isEqualTo(2);
        breaker.close();
    }

    @Test
    void badSettingsNameTheSettingAndTheFix() {
        assertThatThrownBy(() -> CircuitBreakerSettings.DEFAULTS.withFailureThreshold(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failure-threshold: 0 is too small; expected at least 1 (1 = open on the first failure),"
                        + " e.g. 3");
        assertThatThrownBy(() -> CircuitBreakerSettings.DEFAULTS.withOpenDuration(Duration.ZERO))
                .hasMessageStartingWith("open-duration: PT0S is too short; expected at least 1 ms");
        assertThatThrownBy(() -> CircuitBreakerSettings.DEFAULTS.withProbeInterval(Duration.ofMillis(-5)))
                .hasMessageStartingWith("probe-interval: PT-0.005S is too short; expected at least 1 ms");
    }

    @Test
    void theConfigMapTakesACircuitBreakerBlockAndNamesTheKeyOfABadValue() {
        Engine engine = new Registry().initByConfig(Map.of("c", Map.of("redis", Map.of(
                "address", RedisCommandsTest.REDIS_ADDRESS,
                "circuit-breaker", Map.of("failure-threshold", 4, "probe-interval", "300ms")))))
                .validate();
        try {
            assertThat(engine.redis("c").circuitBreaker().settings()).isEqualTo(new CircuitBreakerSettings(4,
                    Duration.ofMillis(250), Duration.ofMillis(300)));
        } finally {
            engine.close();
        }
        assertThatThrownBy(() -> new Registry().initByConfig(Map.of("p", Map.of("redis", Map.of("address", "h:1",
                "circuit-breaker", Map.of("failure-threshold", 0))))))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageStartingWith("fluxa.pools.p.redis.circuit-breaker.failure-threshold: 0 is too small");
        assertThatThrownBy(() -> new Registry().initByConfig(Map.of("p", Map.of("redis", Map.of("address", "h:1",
                "circuit-breaker", Map.of("open-after", "1s"))))))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageContaining("fluxa.pools.p.redis.circuit-breaker");
    }

    @Test
    void aRedisPoolTakesItsBreakerSettingsFromTheRegistryOptions() {
        CircuitBreakerSettings settings = new CircuitBreakerSettings(5, Duration.ofSeconds(2), Duration.ofMillis(500));
        Engine engine = new Registry()
                .registerRedis("a", RedisCommandsTest.REDIS_ADDRESS, new Registry.RedisOptions(null, null, null, null,
                        null, null, settings))
                .registerRedis("b", RedisCommandsTest.REDIS_ADDRESS, null)
                .validate();
        try {
            assertThat(engine.redis("a").circuitBreaker().settings()).isEqualTo(settings);
            assertThat(engine.redis("b").circuitBreaker().settings()).isEqualTo(CircuitBreakerSettings.DEFAULTS);
            engine.redis("a").set("fluxa-breaker-settings", "v");
            assertThat(engine.redis("a").get("fluxa-breaker-settings")).contains("v");
            engine.redis("a").del("fluxa-breaker-settings");
            assertThat(engine.redis("a").circuitBreaker().isOpen()).isFalse();
        } finally {
            engine.close();
        }
    }
}
