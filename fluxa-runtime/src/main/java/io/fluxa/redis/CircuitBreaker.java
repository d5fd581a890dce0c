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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The circuit breaker of one Redis pool. It opens on the first command that fails because the pool
 * could not be reached or did not answer within its command timeout (a rejected command, such as
 * {@code WRONGTYPE}, is an answer and does not count). While it is open, every command of the pool
 * fails at once with {@link PoolUnavailableException} instead of waiting for the timeout, and reads
 * of cached entities skip Redis and read MySQL. No caller ever probes: the breaker sends a
 * {@code PING} of its own on the pool's connection {@value #FIRST_PROBE_MILLIS} ms after opening and
 * then every {@value #PROBE_MILLIS} ms, and closes on the first answer.
 *
 * <p>Thread-safe; the state is one volatile read on the hot path.
 */
public final class CircuitBreaker {

    static final long FIRST_PROBE_MILLIS = 250;
    static final long PROBE_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String pool;
    private final Supplier<CompletionStage<?>> ping;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong timesOpened = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private volatile Instant openSince;
    private volatile String lastFailure;
    private volatile boolean closed;

    CircuitBreaker(String pool, Supplier<CompletionStage<?>> ping, ScheduledExecutorService scheduler) {
        this.pool = pool;
        this.ping = ping;
        this.scheduler = scheduler;
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

    /** A command failed for want of the server (unreachable, timed out): opens the breaker. */
    void failure(String message) {
        lastFailure = message;
        if (openSince == null && !closed) {
            synchronized (this) {
                if (openSince != null) {
                    return;
                }
                openSince = Instant.now();
            }
            timesOpened.incrementAndGet();
            LOG.warn("Redis pool '{}' is unavailable ({}); circuit breaker open: commands fail at once and cached "
                    + "entities are read from MySQL until the server answers again", pool, message);
            schedule(FIRST_PROBE_MILLIS);
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
        schedule(PROBE_MILLIS);
    }
}
