package io.fluxa.async;

import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.lock.Lock;
import io.fluxa.lock.Locker;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.XTrimArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Applies one MySQL pool's async flush entries in stream order. Several consumers of a pool may run
 * (in one or many JVMs) but only the holder of the pool's lease (an {@link io.fluxa.lock} lock,
 * refreshed while it runs) applies entries; the others wait to take over. The lease's fencing token
 * is stored with the offset, so a holder that lost its lease without noticing cannot commit after a
 * newer one did. The holder keeps one MySQL connection of the pool between batches (given back after
 * a failure, when it loses the lease, and on {@link #close()}). Not thread-safe: one thread runs a
 * consumer.
 */
public final class AsyncFlushConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncFlushConsumer.class);

    private final AsyncApplier applier;
    private final RedisPool redis;
    private final Engine engine;
    private final String pool;
    private final AsyncFlushOptions options;
    private final AsyncMeters meters;
    private final String stream;
    private volatile boolean running;
    private Thread thread;
    private Lock lease;
    private String position;
    private final BatchReader batches;
    private boolean tableReady;
    /** The last applied id not trimmed from the stream yet (null: none), and the batches and entries since the last trim. */
    private String untrimmed;
    private int untrimmedBatches;
    private int untrimmedEntries;

    /**
     * Applied batches trimmed together: one {@code XTRIM} per this many batches (or {@link #TRIM_ENTRIES}
     * entries, whichever comes first), and whenever the stream is drained.
     */
    static final int TRIM_EVERY = 8;
    static final int TRIM_ENTRIES = 4000;

    AsyncFlushConsumer(Engine engine, AsyncApplier applier, RedisPool redis, String pool, AsyncFlushOptions options,
            AsyncMeters meters) {
        this.engine = engine;
        this.applier = applier;
        this.redis = redis;
        this.pool = pool;
        this.options = options;
        this.meters = meters;
        this.stream = applier.stream();
        // caught up (or no chunk read ahead): what was applied leaves the stream before the read waits
        this.batches = new BatchReader(redis, stream, options.batchSize(), this::trim);
    }

    /** Runs the consumer on a daemon thread of its own until {@link #close()}. */
    public synchronized AsyncFlushConsumer start() {
        if (thread != null) {
            throw new IllegalStateException("async flush consumer of MySQL pool '" + pool + "' already started");
        }
        running = true;
        thread = new Thread(this::run, "fluxa-async-flush-" + pool);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** How this consumer works. */
    public AsyncFlushOptions options() {
        return options;
    }

    /** True while this consumer holds the pool's lease (it is the one applying entries). */
    public boolean isActive() {
        Lock held = lease;
        return held != null && held.isHeld();
    }

    /**
     * Applies every entry in the stream now, in the calling thread, and returns how many applied (not
     * counting skipped or dead-lettered ones). Throws when another consumer holds the lease.
     */
    public int drain() {
        int applied = 0;
        running = true;
        try {
            while (true) {
                AsyncApplier.Result result = step(Duration.ZERO);
                if (result == null) {
                    return applied;
                }
                applied += result.applied();
            }
        } finally {
            applier.awaitAfterCommit(); // the caches show what was applied when this returns
            if (thread == null) {
                running = false;
            }
        }
    }

    private void run() {
        while (running) {
            try {
                step(options.block());
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("async flush consumer of MySQL pool '{}': {}", pool, e.toString(), e);
                pause(options.retryBackoff());
            }
        }
        applier.release();
    }

    /** One batch: the lease, a read, the apply (retried while failures are transient), the trim. */
    private AsyncApplier.Result step(Duration block) {
        if (!holdLease()) {
            if (thread == null) {
                throw new FluxaException("another async flush consumer holds the lease of MySQL pool '" + pool
                        + "'; it applies the entries");
            }
            pause(block.isZero() ? options.retryBackoff() : block);
            return null;
        }
        List<AsyncApplier.Raw> batch;
        try {
            batch = batches.next(position, block);
        } catch (RuntimeException e) {
            applier.release(); // no row lock of a batch moved in advance stays held while the read is retried
            throw e;
        }
        if (batch.isEmpty()) {
            return null;
        }
        List<AsyncApplier.Raw> following = batches.following();
        Duration backoff = options.retryBackoff();
        while (true) {
            try {
                AsyncApplier.Result result = applier.apply(batch, following, lease.token(), batches::nextLast);
                position = result.lastId();
                untrimmed = result.lastId();
                untrimmedEntries += batch.size();
                if (++untrimmedBatches >= TRIM_EVERY || untrimmedEntries >= TRIM_ENTRIES) {
                    trim();
                }
                return result;
            } catch (AsyncApplier.Fenced e) {
                LOG.warn(e.getMessage());
                batches.forget();
                dropLease();
                return null;
            } catch (RuntimeException e) {
                if (!SqlFailures.isTransient(e) || !running) {
                    throw e;
                }
                meters.add(AsyncFlush.Counter.RETRIED, pool, 1);
                LOG.warn("async flush of MySQL pool '{}' failed transiently, retrying in {}: {}", pool, backoff,
                        e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(options.maxRetryBackoff()) > 0
                        ? options.maxRetryBackoff() : backoff.multipliedBy(2);
                if (!isActive()) {
                    batches.forget();
                    dropLease();
                    return null;
                }
            }
        }
    }

    private boolean holdLease() {
        if (isActive()) {
            return true;
        }
        dropLease();
        Optional<Lock> obtained = Locker.on(redis).tryObtain(AsyncKeys.lease(engine.db(pool)), options.leaseTtl());
        if (obtained.isEmpty()) {
            return false;
        }
        lease = obtained.get();
        try (Connection connection = engine.db(pool).dataSource().getConnection()) {
            if (!tableReady) {
                OffsetTable.create(connection);
                tableReady = true;
            }
            position = OffsetTable.read(connection, stream).lastId();
        } catch (SQLException e) {
            dropLease();
            throw new FluxaException("async flush consumer of MySQL pool '" + pool + "' cannot read its offset: "
                    + e.getMessage(), e);
        }
        return true;
    }

    /** Gives the lease and the kept MySQL connection up (the consumer thread, or no thread running). */
    private void dropLease() {
        applier.release();
        releaseLease();
    }

    private void releaseLease() {
        Lock held = lease;
        lease = null;
        if (held != null) {
            try {
                held.release();
            } catch (RuntimeException e) {
                LOG.debug("releasing the async flush lease of MySQL pool '{}': {}", pool, e.toString());
            }
        }
    }

    /**
     * Removes the applied entries (they are in MySQL; the stored offset keeps them from applying twice)
     * up to {@link #untrimmed}, without waiting for the reply: a failed trim is repeated by the next one.
     * Runs every {@link #TRIM_EVERY} batches ({@link #TRIM_ENTRIES} entries) and before a read that did not come from the read ahead (the
     * stream is drained, or the consumer starts or took over), so entries stay in the stream a few batches
     * longer than they are needed, never past the drain.
     */
    private void trim() {
        String lastId = untrimmed;
        if (lastId == null) {
            return;
        }
        untrimmed = null;
        untrimmedBatches = 0;
        untrimmedEntries = 0;
        try {
            redis.submit("XTRIM", stream, lettuce -> lettuce.xtrim(stream, XTrimArgs.Builder.minId(lastId)))
                    .whenFailed(e -> LOG.debug("trimming {}: {}", stream, e.toString()));
        } catch (RuntimeException e) {
            LOG.debug("trimming {}: {}", stream, e.toString());
        }
    }

    private void pause(Duration wait) {
        LockSupport.parkNanos(wait.toNanos());
    }

    /** Stops after the current batch (waiting for it up to the block time plus 30 seconds), releases the lease. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(options.block().plusSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (t == null || !t.isAlive()) {
            applier.release(); // a thread still in its batch after the wait gives its connection back itself
        }
        releaseLease();
        batches.close();
        applier.close();
    }
}
