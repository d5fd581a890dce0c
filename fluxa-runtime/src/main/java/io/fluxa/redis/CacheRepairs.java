package io.fluxa.redis;

import io.fluxa.log.QueryLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cache writes of one Redis pool that failed after MySQL had committed (Redis refused, timed out…):
 * row invalidations, id counter moves and search index rows, kept until Redis takes them. A
 * background retry with backoff (50 ms doubling up to 5 s, for as long as the pool is open) sends
 * them; {@link #tryRepairNow}, which reads and searches call while repairs are pending, never waits,
 * it only asks the background thread to try at once. Every repair is a script that is safe to run
 * more than once; the write queued last for an id wins. Thread-safe; one per pool.
 */
public final class CacheRepairs {

    private static final Logger LOG = LoggerFactory.getLogger(CacheRepairs.class);
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 5_000;
    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fluxa-cache-repairs");
        thread.setDaemon(true);
        return thread;
    });

    /** One pending write: a script on its keys; {@code afterRepair} runs once Redis took it. */
    private record Repair(List<String> keys, RedisScript script, byte[][] args, Runnable afterRepair) {
    }

    private final LettuceRedisPool pool;
    private final Map<String, Repair> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final AtomicBoolean runRequested = new AtomicBoolean();
    private final AtomicLong completed = new AtomicLong();
    private final Object running = new Object();
    private volatile boolean closed;
    private long delayMillis = FIRST_RETRY_MILLIS;

    CacheRepairs(LettuceRedisPool pool) {
        this.pool = pool;
    }

    /**
     * Keeps a write Redis did not take, under {@code id} (a later write with the same id replaces
     * it), and schedules the background retry.
     */
    public void add(String id, String key, RedisScript script, byte[][] args, Runnable afterRepair) {
        add(id, List.of(key), script, args, afterRepair);
    }

    /** {@link #add(String, String, RedisScript, byte[][], Runnable)} for a script on several keys. */
    public void add(String id, List<String> keys, RedisScript script, byte[][] args, Runnable afterRepair) {
        pending.put(id, new Repair(List.copyOf(keys), script, args, afterRepair));
        scheduleRetry();
    }

    /** Writes waiting for Redis. */
    public int pending() {
        return pending.size();
    }

    /** Writes that had failed after commit and that Redis took later, since the pool started. */
    public long completed() {
        return completed.get();
    }

    /**
     * True when no write is pending. Otherwise returns false at once, never waiting for Redis: the
     * caller must not trust the pool's cached rows yet (read MySQL, fill nothing). While the pool's
     * circuit breaker is closed it also asks the background thread to send the pending writes now
     * instead of after its backoff, so reads use Redis again as soon as Redis took them.
     */
    public boolean tryRepairNow() {
        if (pending.isEmpty()) {
            return true;
        }
        if (!closed && pool.isAvailable() && runRequested.compareAndSet(false, true)) {
            try {
                RETRIES.execute(() -> {
                    runRequested.set(false);
                    attempt();
                });
            } catch (RuntimeException e) {
                runRequested.set(false);
            }
        }
        return false;
    }

    /**
     * Sends every pending write now, in one pipeline, and waits for it. Does nothing when none is
     * pending.
     *
     * @throws RuntimeException the Redis failure when they could not be written (they stay pending)
     */
    public void repairNow() {
        if (pending.isEmpty()) {
            return;
        }
        synchronized (running) {
            List<Map.Entry<String, Repair>> batch = new ArrayList<>(pending.entrySet());
            if (batch.isEmpty()) {
                return;
            }
            RedisPipeline pipeline = pool.withLogger(QueryLogger.NONE).pipeline();
            List<PipelineResult<Object>> results = new ArrayList<>(batch.size());
            for (Map.Entry<String, Repair> entry : batch) {
                Repair repair = entry.getValue();
                results.add(pipeline.eval(repair.script(), repair.keys(), repair.args()));
            }
            pipeline.exec();
            for (int i = 0; i < batch.size(); i++) {
                results.get(i).get(); // throws when this one failed: it stays pending
                Map.Entry<String, Repair> entry = batch.get(i);
                if (pending.remove(entry.getKey(), entry.getValue())) {
                    completed.incrementAndGet();
                    entry.getValue().afterRepair().run();
                }
            }
            LOG.info("Redis pool '{}': {} cache write(s) that failed after commit are repaired", pool.code(),
                    batch.size());
        }
    }

    private void scheduleRetry() {
        if (!closed && retryScheduled.compareAndSet(false, true)) {
            long delay;
            synchronized (this) {
                delay = delayMillis;
            }
            RETRIES.schedule(this::retry, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        retryScheduled.set(false);
        attempt();
        if (!pending.isEmpty()) {
            scheduleRetry();
        }
    }

    /** One try of {@link #repairNow}, on the background thread; a failure doubles the backoff. */
    private void attempt() {
        if (closed) {
            return;
        }
        try {
            repairNow();
            synchronized (this) {
                delayMillis = FIRST_RETRY_MILLIS;
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                delayMillis = Math.min(MAX_RETRY_MILLIS, delayMillis * 2);
            }
            LOG.debug("Redis pool '{}': {} cache repair(s) still pending: {}", pool.code(), pending.size(),
                    e.toString());
        }
    }

    /** Stops retrying (the pool closed); what is still pending is logged and dropped. */
    void close() {
        closed = true;
        if (!pending.isEmpty()) {
            LOG.warn("Redis pool '{}' closed with {} cache repair(s) pending: keys {} may hold rows older than "
                    + "MySQL until they expire or are written again", pool.code(), pending.size(),
                    pending.values().stream().limit(20).map(r -> r.keys().get(0)).toList());
            pending.clear();
        }
    }
}
