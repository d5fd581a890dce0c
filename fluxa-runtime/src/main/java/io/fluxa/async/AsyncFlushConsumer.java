package io.fluxa.async;

import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.lock.Lock;
import io.fluxa.lock.Locker;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

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
    private StatefulRedisConnection<String, byte[]> reader;
    private boolean tableReady;
    /** The next batch, read while the current one was applied, and where that read started. */
    private RedisFuture<List<AsyncApplier.Raw>> prefetched;
    private String prefetchedFrom;
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
    /**
     * How long a batch's commit waits for the read ahead's reply when it has not come yet: with it, the
     * next batch's offset move shares the commit's round trip; without it, that move is a round trip of
     * its own (about as long as this wait, or longer, when MySQL is busy).
     */
    static final Duration PREFETCH_WAIT = Duration.ofMillis(1);

    AsyncFlushConsumer(Engine engine, AsyncApplier applier, RedisPool redis, String pool, AsyncFlushOptions options,
            AsyncMeters meters) {
        this.engine = engine;
        this.applier = applier;
        this.redis = redis;
        this.pool = pool;
        this.options = options;
        this.meters = meters;
        this.stream = applier.stream();
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
            batch = read(block);
        } catch (RuntimeException e) {
            applier.release(); // no row lock of a batch moved in advance stays held while the read is retried
            throw e;
        }
        if (batch.isEmpty()) {
            return null;
        }
        prefetch(batch.get(batch.size() - 1).id());
        Duration backoff = options.retryBackoff();
        while (true) {
            try {
                AsyncApplier.Result result = applier.apply(batch, lease.token(), this::prefetchedLast);
                position = result.lastId();
                untrimmed = result.lastId();
                untrimmedEntries += batch.size();
                if (++untrimmedBatches >= TRIM_EVERY || untrimmedEntries >= TRIM_ENTRIES) {
                    trim();
                }
                return result;
            } catch (AsyncApplier.Fenced e) {
                LOG.warn(e.getMessage());
                prefetched = null;
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
                    prefetched = null;
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
     * Reads the next batch: the one prefetched while the previous batch was applied when it starts at
     * the position, otherwise (or when it came back empty and the read may wait) a new read.
     */
    private List<AsyncApplier.Raw> read(Duration block) {
        if (reader == null) {
            reader = redis.openConnection();
        }
        List<AsyncApplier.Raw> batch = List.of();
        RedisFuture<List<AsyncApplier.Raw>> ahead = prefetched;
        prefetched = null;
        if (ahead != null && position.equals(prefetchedFrom)) {
            batch = AsyncKeys.await(redis, ahead, "XREAD " + stream);
        }
        if (batch.isEmpty()) {
            trim(); // caught up (or no batch read ahead): what was applied leaves the stream before the wait
            batch = AsyncKeys.await(redis, xread(position, block), "XREAD " + stream, block.plus(redis.commandTimeout()));
        }
        return batch;
    }

    /**
     * {@code XREAD [BLOCK ms] COUNT n STREAMS stream from}, its reply decoded into raw entries on the
     * event loop ({@link EntriesOutput}).
     */
    private RedisFuture<List<AsyncApplier.Raw>> xread(String from, Duration block) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(CODEC);
        if (!block.isZero()) {
            args.add(CommandKeyword.BLOCK).add(block.toMillis());
        }
        args.add(CommandKeyword.COUNT).add(options.batchSize()).add("STREAMS").addKey(stream).add(from);
        return reader.async().dispatch(CommandType.XREAD, new EntriesOutput(CODEC), args);
    }

    /**
     * Asks for the batch after {@code lastId} without waiting for it, so Redis answers while MySQL
     * applies the current batch; {@link #read} uses it when the position after the apply is
     * {@code lastId}. Entries the stored offset already covers are skipped by the applier as usual.
     */
    private void prefetch(String lastId) {
        prefetched = xread(lastId, Duration.ZERO);
        prefetchedFrom = lastId;
    }

    /**
     * The last id of the prefetched batch when its reply is here (waiting for it up to {@link #PREFETCH_WAIT})
     * and not empty, else null: the applier then sends that batch's offset move with the current batch's
     * commit.
     */
    private String prefetchedLast() {
        RedisFuture<List<AsyncApplier.Raw>> ahead = prefetched;
        if (ahead == null) {
            return null;
        }
        List<AsyncApplier.Raw> messages;
        try {
            if (ahead.isDone()) {
                messages = ahead.toCompletableFuture().getNow(null);
            } else {
                messages = ahead.get(PREFETCH_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException e) {
            return null; // the commit does not wait longer: the next batch moves the offset row itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | RuntimeException e) {
            return null; // a failed read: read() reports it
        }
        return messages == null || messages.isEmpty() ? null : messages.get(messages.size() - 1).id();
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
            redis.connection().async().xtrim(stream, XTrimArgs.Builder.minId(lastId)).whenComplete((n, e) -> {
                if (e != null) {
                    LOG.debug("trimming {}: {}", stream, e.toString());
                }
            });
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
        if (reader != null) {
            reader.closeAsync().orTimeout(5, TimeUnit.SECONDS);
            reader = null;
        }
    }
}
