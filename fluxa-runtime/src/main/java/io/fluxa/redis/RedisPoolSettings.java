package io.fluxa.redis;

import java.time.Duration;

/**
 * How a Redis pool behaves, beside where it connects ({@link RedisAddress}).
 *
 * @param commandTimeout how long a command (or a whole pipeline) may wait for its reply before it
 *     fails with {@link io.fluxa.PoolUnavailableException}
 * @param connectTimeout how long opening a connection may take
 * @param keyPrefix prepended by Fluxa to the keys it owns (entity rows, id counters …) so several
 *     applications can share one Redis database; empty for none. Raw commands use keys as given.
 * @param circuitBreaker when the pool's {@link CircuitBreaker} opens and how it probes
 */
public record RedisPoolSettings(Duration commandTimeout, Duration connectTimeout, String keyPrefix,
        CircuitBreakerSettings circuitBreaker) {

    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final RedisPoolSettings DEFAULTS = new RedisPoolSettings(DEFAULT_COMMAND_TIMEOUT,
            DEFAULT_CONNECT_TIMEOUT, "", CircuitBreakerSettings.DEFAULTS);

    /** Timeouts and prefix; the circuit breaker at its defaults. */
    public RedisPoolSettings(Duration commandTimeout, Duration connectTimeout, String keyPrefix) {
        this(commandTimeout, connectTimeout, keyPrefix, null);
    }

    /**
     * @throws IllegalArgumentException naming the setting ({@code timeout}, {@code connect-timeout},
     *     {@code key-prefix}) when a value cannot work
     */
    public RedisPoolSettings {
        commandTimeout = commandTimeout == null ? DEFAULT_COMMAND_TIMEOUT : commandTimeout;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        circuitBreaker = circuitBreaker == null ? CircuitBreakerSettings.DEFAULTS : circuitBreaker;
        positive("timeout", commandTimeout);
        positive("connect-timeout", connectTimeout);
        for (int i = 0; i < keyPrefix.length(); i++) {
            char c = keyPrefix.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '{' || c == '}') {
                throw new IllegalArgumentException("key-prefix: '" + keyPrefix + "' contains "
                        + (c == '{' || c == '}' ? "'" + c + "' (braces mark Redis hash tags, which Fluxa sets itself)"
                        : "a space or control character") + "; use letters, digits and separators such as "
                        + "':' or '-', e.g. 'shop:'");
            }
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + ": " + value + " is too short; expected at least 1 ms, e.g. 2s");
        }
    }
}
