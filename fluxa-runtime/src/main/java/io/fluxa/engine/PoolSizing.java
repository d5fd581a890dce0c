package io.fluxa.engine;


import java.time.Duration;

/**
 * How a MySQL pool is sized when its options leave it open: a tenth of the server's
 * {@code max_connections} (between 2 and 32) so several application instances fit, half of that
 * kept idle, and connections replaced well before the server's {@code wait_timeout} closes them.
 */
public record PoolSizing(int maxOpen, int maxIdle, Duration maxLifetime) {

    public static PoolSizing of(int maxConnections, long waitTimeoutSeconds) {
        int maxOpen = Math.max(2, Math.min(32, maxConnections / 10));
        int maxIdle = idleFor(maxOpen);
        long lifetimeSeconds = Math.min(30 * 60, waitTimeoutSeconds * 3 / 4);
        return new PoolSizing(maxOpen, maxIdle, Duration.ofSeconds(Math.max(30, lifetimeSeconds)));
    }

    /** The idle count kept for a pool of {@code maxOpen} connections when none is configured. */
    public static int idleFor(int maxOpen) {
        return Math.max(1, maxOpen / 2);
    }
}
