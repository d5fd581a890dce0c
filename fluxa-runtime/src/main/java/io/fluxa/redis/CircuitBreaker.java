package io.fluxa.redis;

import io.fluxa.PoolUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The circuit breaker of one Redis pool. It opens after {@link CircuitBreakerSettings#failureThreshold()}
 * consecutive commands failed because the pool could not be reached or did not answer within its
 * command timeout (1 by default; a rejected command, such as {@code WRONGTYPE}, is an answer: it
 * does not count and resets the count). While it is open, every command of the pool fails at once
 * with {@link PoolUnavailableException} instead of waiting for the timeout, and reads of cached
 * entities skip Redis and read MySQL. No caller ever probes: the breaker sends a {@code PING} of its
 * own on the pool's connection {@link CircuitBreakerSettings#openDuration()} after opening (250 ms by
 * default) and then every {@link CircuitBreakerSettings#probeInterval()} (1 s), and closes on the
 * first answer.
 *
 * <p>Thread-safe; the state is one volatile read on the hot path.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String pool;
    private final Supplier<CompletionStage<?>> ping;
    private final ScheduledExecutorService scheduler;
    private final CircuitBreakerSettings settings;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong timesOpened = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private volatile Instant openSince;
    private volatile String lastFailure;
    private volatile boolean closed;

    CircuitBreaker(String pool, Supplier<CompletionStage<?>> ping, ScheduledExecutorService scheduler,
            CircuitBreakerSettings settings) {
        this.pool = pool;
        this.ping = ping;
        this.scheduler = scheduler;
        this.settings = settings == null ? CircuitBreakerSettings.DEFAULTS : settings;
    }

    /** The thresholds and probe timing of this breaker. */
    public CircuitBreakerSettings settings() {
        return settings;
    }

    /** True while the pool is considered unavailable: commands fail at once, cached reads use MySQL. */
    public boolean isOpen() {
        return openSince != null;
    }

    /** When the breaker opened, or null while it is closed. */
    public Instant openSince() {
        return openSince;
    }

    /** How often the breaker opened since the pool started. */
    public long timesOpened() {
        return timesOpened.get();
    }

    /** Commands refused at once because the breaker was open. */
    public long rejectedCommands() {
        return rejected.get();
    }

    /** Reads of cached entities served from MySQL because Redis was unavailable. */
    public long fallbacks() {
        return fallbacks.get();
    }

    /** The message of the failure that opened the breaker last, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Counts one read that skipped or gave up on Redis and went to MySQL. */
    public void recordFallback() {
        fallbacks.incrementAndGet();
    }

    /** Throws when the breaker is open (the caller must not send anything). */
    void check(String what) {
        Instant since = openSince;
        if (since != null) {
            rejected.incrementAndGet();
            throw new PoolUnavailableException(pool, "Redis pool '" + pool + "' is unavailable: its circuit breaker "
                    + "has been open since " + since + " (" + lastFailure + "), so " + what + " was not sent; it "
                    + "closes by itself once the server answers a PING again");
        }
    }

    /** The server answered a command (a rejection is an answer too): the failure count starts again. */
    void answered() {
        if (consecutiveFailures.get() != 0) { // a read only on the hot path
            consecutiveFailures.set(0);
        }
    }

    /**
     * A command failed for want of the server (unreachable, timed out): opens the breaker once this
     * is the {@code failureThreshold}-th failure in a row.
     */
    void failure(String message) {
        lastFailure = message;
        if (openSince == null && !closed) {
            if (consecutiveFailures.incrementAndGet() < settings.failureThreshold()) {
                return;
            }
            synchronized (this) {
                if (openSince != null) {
                    return;
                }
                openSince = Instant.now();
                consecutiveFailures.set(0);
            }
            timesOpened.incrementAndGet();
            LOG.warn("Redis pool '{}' is unavailable ({}); circuit breaker open: commands fail at once and cached "
                    + "entities are read from MySQL until the server answers again", pool, message);
            schedule(settings.openDuration().toMillis());
        }
    }

    /** Stops probing (the pool is closing). */
    void close() {
        closed = true;
    }

    private void schedule(long delayMillis) {
        if (closed || !probing.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(this::probe, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            probing.set(false); // the client is shutting down
        }
    }

    private void probe() {
        if (closed) {
            probing.set(false);
            return;
        }
        CompletionStage<?> reply;
        try {
            reply = ping.get();
        } catch (RuntimeException e) {
            retry(e.toString());
            return;
        }
        reply.whenComplete((pong, error) -> {
            if (error == null) {
                Instant since = openSince;
                openSince = null;
                probing.set(false);
                if (since != null) {
                    LOG.info("Redis pool '{}' answers again after {} ms; circuit breaker closed", pool,
                            Duration.between(since, Instant.now()).toMillis());
                }
            } else {
                retry(error.toString());
            }
        });
    }

    private void retry(String failure) {
        lastFailure = failure;
        probing.set(false);
        schedule(settings.probeInterval().toMillis());
    }
}
