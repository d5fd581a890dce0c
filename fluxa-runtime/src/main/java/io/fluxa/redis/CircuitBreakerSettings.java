package io.fluxa.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * When a Redis pool's {@link CircuitBreaker} opens and how it probes the server while open. Immutable;
 * start from {@link #DEFAULTS} and change what you need:
 *
 * <pre>{@code
 * CircuitBreakerSettings breaker = CircuitBreakerSettings.DEFAULTS
 *         .withFailureThreshold(3)
 *         .withOpenDuration(Duration.ofSeconds(1));
 * }</pre>
 *
 * @param failureThreshold consecutive failures for want of the server (unreachable, no answer within
 *     the command timeout) that open the breaker; any answer resets the count. Default 1.
 * @param openDuration how long the breaker stays open before its first {@code PING} probe. Default 250 ms.
 * @param probeInterval how long it waits between probes while the server does not answer. Default 1 s.
 */
public record CircuitBreakerSettings(int failureThreshold, Duration openDuration, Duration probeInterval) {

    public static final int DEFAULT_FAILURE_THRESHOLD = 1;
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofMillis(250);
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);
    public static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(DEFAULT_FAILURE_THRESHOLD,
            DEFAULT_OPEN_DURATION, DEFAULT_PROBE_INTERVAL);

    /**
     * @throws IllegalArgumentException naming the setting ({@code failure-threshold}, {@code open-duration},
     *     {@code probe-interval}) when a value cannot work
     */
    public CircuitBreakerSettings {
        Objects.requireNonNull(openDuration, "open-duration");
        Objects.requireNonNull(probeInterval, "probe-interval");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure-threshold: " + failureThreshold
                    + " is too small; expected at least 1 (1 = open on the first failure), e.g. 3");
        }
        atLeastOneMilli("open-duration", openDuration);
        atLeastOneMilli("probe-interval", probeInterval);
    }

    /** These settings with another {@link #failureThreshold()}. */
    public CircuitBreakerSettings withFailureThreshold(int threshold) {
        return new CircuitBreakerSettings(threshold, openDuration, probeInterval);
    }

    /** These settings with another {@link #openDuration()}. */
    public CircuitBreakerSettings withOpenDuration(Duration duration) {
        return new CircuitBreakerSettings(failureThreshold, duration, probeInterval);
    }

    /** These settings with another {@link #probeInterval()}. */
    public CircuitBreakerSettings withProbeInterval(Duration interval) {
        return new CircuitBreakerSettings(failureThreshold, openDuration, interval);
    }

    private static void atLeastOneMilli(String name, Duration value) {
        if (value.isNegative() || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + ": " + value + " is too short; expected at least 1 ms, e.g. "
                    + (name.equals("open-duration") ? "250ms" : "1s"));
        }
    }
}
