package io.fluxa.stream;

import io.fluxa.FluxaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes again, in the background, dirty events Redis did not take after a committed flush: after
 * 0.2, 1, 2, 4 and 8 seconds (about 15 s in all). An event still not taken then is dropped: logged at
 * ERROR with its stream, entity, id and action, and counted ({@code fluxa.streams.dirty.dropped}).
 * Events waiting for a retry when the engine closes are dropped the same way.
 */
final class DirtyEventRetries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirtyEventRetries.class);
    private static final long[] DELAYS_MILLIS = {200, 1_000, 2_000, 4_000, 8_000};

    private final RedisEventBroker broker;
    private final Set<Attempt> waiting = new HashSet<>();
    private ScheduledExecutorService executor;
    private boolean closed;

    DirtyEventRetries(RedisEventBroker broker) {
        this.broker = broker;
    }

    void retry(StreamRedis redis, String stream, Map<String, byte[]> fields, String describe, FluxaException first) {
        LOG.warn("dirty event {} for stream {} was not published after the commit, retrying: {}", describe, stream,
                first.getMessage());
        schedule(new Attempt(redis, stream, fields, describe, 0));
    }

    private synchronized void schedule(Attempt attempt) {
        if (closed) {
            drop(attempt, "the engine closed");
            return;
        }
        if (executor == null) {
            ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "fluxa-dirty-event-retries");
                t.setDaemon(true);
                return t;
            });
            created.setRemoveOnCancelPolicy(true);
            executor = created;
        }
        broker.counters().add(StreamCounters.Kind.DIRTY_RETRIED, attempt.stream, null, 1);
        waiting.add(attempt);
        executor.schedule(attempt, DELAYS_MILLIS[attempt.number], TimeUnit.MILLISECONDS);
    }

    private void drop(Attempt attempt, String why) {
        broker.counters().add(StreamCounters.Kind.DIRTY_DROPPED, attempt.stream, null, 1);
        LOG.error("dirty event {} for stream {} was dropped ({}): the MySQL change is committed but no event"
                + " was published for it", attempt.describe, attempt.stream, why);
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        List<Attempt> abandoned;
        synchronized (this) {
            closed = true;
            running = executor;
            abandoned = new ArrayList<>(waiting);
            waiting.clear();
        }
        if (running != null) {
            running.shutdownNow();
        }
        for (Attempt attempt : abandoned) {
            drop(attempt, "the engine closed before a retry succeeded");
        }
    }

    private final class Attempt implements Runnable {
        private final StreamRedis redis;
        private final String stream;
        private final Map<String, byte[]> fields;
        private final String describe;
        private final int number;

        Attempt(StreamRedis redis, String stream, Map<String, byte[]> fields, String describe, int number) {
            this.redis = redis;
            this.stream = stream;
            this.fields = fields;
            this.describe = describe;
            this.number = number;
        }

        @Override
        public void run() {
            synchronized (DirtyEventRetries.this) {
                if (!waiting.remove(this)) {
                    return; // dropped by close()
                }
            }
            try {
                redis.submit("XADD", stream, lettuce -> lettuce.xadd(stream, fields)).await();
                broker.counters().add(StreamCounters.Kind.PUBLISHED, stream, null, 1);
                LOG.info("dirty event {} for stream {} published on retry {}", describe, stream, number + 1);
            } catch (RuntimeException e) {
                if (number + 1 >= DELAYS_MILLIS.length) {
                    drop(this, DELAYS_MILLIS.length + " retries failed, the last with: " + e.getMessage());
                } else {
                    schedule(new Attempt(redis, stream, fields, describe, number + 1));
                }
            }
        }
    }
}
