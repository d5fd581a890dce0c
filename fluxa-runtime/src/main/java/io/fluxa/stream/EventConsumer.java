package io.fluxa.stream;

import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.redis.SubmittedCommand;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A named consumer in a consumer group. Each {@link #poll} first claims events that stayed pending
 * with some consumer longer than {@link ConsumerOptions#claimIdle()} ({@code XAUTOCLAIM}; events
 * delivered more than {@link ConsumerOptions#maxDeliveries()} times go to the dead-letter stream
 * instead), otherwise reads up to {@link ConsumerOptions#batchSize()} new events (blocking up to
 * {@link ConsumerOptions#block()} on a connection of its own), hands each to the handler, and then
 * acknowledges, in one round-trip, exactly the events the handler returned from normally.
 *
 * <p>{@link #poll} and {@link #run} belong to one thread; {@link #stop()} may be called from any
 * thread and lets the running batch finish and be acknowledged.
 */
public final class EventConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private static final int MAX_ERROR_TEXT = 2_000;
    private static final long IDLE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final RedisEventBroker broker;
    private final StreamRedis redis;
    private final String stream;
    private final String group;
    private final String name;
    private final ConsumerOptions options;
    private final String errorsKey;
    private final long claimEveryNanos;
    private StatefulRedisConnection<String, byte[]> ownConnection;
    private long nextClaimAt = System.nanoTime();
    private String claimCursor = "0-0";
    private volatile boolean stopping;
    private volatile boolean closed;
    private volatile CountDownLatch running;

    EventConsumer(RedisEventBroker broker, StreamRedis redis, String stream, String group, String name,
            ConsumerOptions options) {
        this.broker = broker;
        this.redis = redis;
        this.stream = stream;
        this.group = group;
        this.name = name;
        this.options = options;
        this.errorsKey = errorsKey(stream, group);
        this.claimEveryNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50), options.claimIdle().toNanos() / 4);
    }

    /** The Redis hash holding the last handler error of each pending event of a group, by entry id. */
    static String errorsKey(String stream, String group) {
        return stream + ":errors:" + group;
    }

    public String stream() {
        return stream;
    }

    public String group() {
        return group;
    }

    public String name() {
        return name;
    }

    public ConsumerOptions options() {
        return options;
    }

    /**
     * Handles one batch: stale pending events claimed from other consumers if there are any, else new
     * ones. Returns how many events were handed to the handler (0 when there was nothing to do).
     */
    public int poll(EventHandler handler) {
        if (closed) {
            throw new FluxaException("consumer " + this + " is closed");
        }
        List<Event> batch;
        try {
            batch = claimStale();
            if (batch.isEmpty()) {
                batch = readNew();
            }
        } catch (FluxaException e) {
            if (StreamRedis.isError(e, "NOGROUP")) {
                // the stream (and with it the group) was deleted: set the group up again, read next time
                broker.createGroup(stream, group);
                claimCursor = "0-0";
                return 0;
            }
            throw e;
        }
        if (batch.isEmpty()) {
            return 0;
        }
        handle(batch, handler);
        return batch.size();
    }

    /**
     * Polls until {@link #stop()}: the batch in hand when stop is called is finished and acknowledged,
     * then this returns. Redis outages are logged and retried after a pause.
     */
    public void run(EventHandler handler) {
        CountDownLatch latch = new CountDownLatch(1);
        running = latch;
        try {
            long backoff = 0;
            while (!stopping && !closed) {
                try {
                    int handled = poll(handler);
                    backoff = 0;
                    if (handled == 0 && options.block().isZero()) {
                        LockSupport.parkNanos(IDLE_PAUSE_NANOS);
                    }
                } catch (PoolUnavailableException e) {
                    backoff = Math.min(Math.max(backoff * 2, 100), 5_000);
                    LOG.warn("consumer {} cannot reach Redis pool '{}', retrying in {} ms: {}", this, redis.code(),
                            backoff, e.getMessage());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
                }
            }
        } finally {
            latch.countDown();
        }
    }

    /** Asks {@link #run} to return after the current batch. */
    public void stop() {
        stopping = true;
    }

    /** Waits until {@link #run} returned; true when it did within {@code timeout} (or was not running). */
    public boolean awaitStopped(Duration timeout) {
        CountDownLatch latch = running;
        if (latch == null) {
            return true;
        }
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops, waits for the running batch (up to the block time plus the Redis timeout), closes the connection. */
    @Override
    public void close() {
        stop();
        awaitStopped(options.block().plus(redis.timeout()));
        closed = true;
        StatefulRedisConnection<String, byte[]> c;
        synchronized (this) {
            c = ownConnection;
            ownConnection = null;
        }
        if (c != null) {
            c.close();
        }
        broker.closed(this);
    }

    // ---- reading ---------------------------------------------------------------------------------

    private List<Event> claimStale() {
        long now = System.nanoTime();
        if (now - nextClaimAt < 0) {
            return List.of();
        }
        XAutoClaimArgs<String> args = XAutoClaimArgs.Builder.xautoclaim(Consumer.from(group, name),
                options.claimIdle(), claimCursor).count(options.batchSize());
        ClaimedMessages<String, byte[]> claimed = redis.submit("XAUTOCLAIM", stream,
                lettuce -> lettuce.xautoclaim(stream, args)).await();
        String cursor = claimed.getId();
        claimCursor = cursor == null ? "0-0" : cursor;
        nextClaimAt = "0-0".equals(claimCursor) ? now + claimEveryNanos : now;
        List<StreamMessage<String, byte[]>> messages = new ArrayList<>();
        for (StreamMessage<String, byte[]> m : claimed.getMessages()) {
            if (m != null && m.getBody() != null) {
                messages.add(m);
            }
        }
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<String, Long> deliveries = deliveries(messages);
        List<Event> events = new ArrayList<>(messages.size());
        List<StreamMessage<String, byte[]>> dead = new ArrayList<>();
        for (StreamMessage<String, byte[]> m : messages) {
            long count = deliveries.getOrDefault(m.getId(), (long) options.maxDeliveries() + 1);
            if (count > options.maxDeliveries()) {
                dead.add(m);
            } else {
                events.add(StreamEntries.event(stream, m, count, broker.values()));
            }
        }
        if (!dead.isEmpty()) {
            broker.deadLetterStore().move(redis, stream, group, name, dead, deliveries);
        }
        return events;
    }

    /** Delivery counts of entries this consumer now holds, from one {@code XPENDING} range query. */
    private Map<String, Long> deliveries(List<StreamMessage<String, byte[]>> messages) {
        String first = messages.get(0).getId();
        String last = first;
        for (StreamMessage<String, byte[]> m : messages) {
            if (StreamRedis.compareIds(m.getId(), first) < 0) {
                first = m.getId();
            }
            if (StreamRedis.compareIds(m.getId(), last) > 0) {
                last = m.getId();
            }
        }
        XPendingArgs<String> args = XPendingArgs.Builder.xpending(Consumer.from(group, name),
                Range.create(first, last), Limit.from(Math.max(messages.size(), options.batchSize()) * 2L));
        List<PendingMessage> pending = redis.submit("XPENDING", stream, lettuce -> lettuce.xpending(stream, args))
                .await();
        Map<String, Long> counts = new HashMap<>();
        for (PendingMessage p : pending) {
            counts.put(p.getId(), p.getRedeliveryCount());
        }
        return counts;
    }

    private List<Event> readNew() {
        XReadArgs args = XReadArgs.Builder.count(options.batchSize());
        Duration block = blockTime();
        boolean blocking = !block.isZero();
        if (blocking) {
            args.block(block);
        }
        @SuppressWarnings({"unchecked", "rawtypes"}) // a one-element generic array, built without varargs
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[] {
                XReadArgs.StreamOffset.lastConsumed(stream)};
        StatefulRedisConnection<String, byte[]> connection = blocking ? ownConnection() : redis.pool().connection();
        List<StreamMessage<String, byte[]>> messages = redis.pool().submit(connection, "XREADGROUP", stream,
                        lettuce -> lettuce.xreadgroup(Consumer.from(group, name), args, offsets))
                .await(block.plus(redis.timeout()));
        List<Event> events = new ArrayList<>(messages.size());
        for (StreamMessage<String, byte[]> m : messages) {
            events.add(StreamEntries.event(stream, m, 1, broker.values()));
        }
        return events;
    }

    /**
     * The block time, kept a quarter second below the pool's command timeout: the client gives up on
     * any command after that timeout, a blocking read included.
     */
    private Duration blockTime() {
        Duration cap = redis.timeout().minusMillis(250);
        if (cap.isNegative() || cap.isZero()) {
            return Duration.ZERO;
        }
        return options.block().compareTo(cap) > 0 ? cap : options.block();
    }

    private synchronized StatefulRedisConnection<String, byte[]> ownConnection() {
        if (ownConnection == null) {
            ownConnection = redis.pool().openConnection();
        }
        return ownConnection;
    }

    // ---- handling and acknowledging ------------------------------------------------------------------

    private void handle(List<Event> batch, EventHandler handler) {
        List<String> done = new ArrayList<>(batch.size());
        List<String> retriedDone = new ArrayList<>();
        Map<String, byte[]> errors = new LinkedHashMap<>();
        for (Event event : batch) {
            try {
                handler.handle(event);
                done.add(event.id());
                if (event.deliveries() > 1) {
                    retriedDone.add(event.id());
                }
            } catch (Exception e) {
                String text = describe(e);
                errors.put(event.id(), StreamRedis.utf8(text));
                LOG.warn("consumer {} failed on event {} (delivery {} of at most {}); it stays pending: {}", this,
                        event.id(), event.deliveries(), options.maxDeliveries(), text);
            }
        }
        List<SubmittedCommand<?>> sent = new ArrayList<>(3);
        if (!done.isEmpty()) {
            String[] ids = done.toArray(String[]::new);
            sent.add(redis.submit("XACK", stream, lettuce -> lettuce.xack(stream, group, ids)));
        }
        if (!errors.isEmpty()) {
            sent.add(redis.submit("HSET", errorsKey, lettuce -> lettuce.hset(errorsKey, errors)));
        }
        if (!retriedDone.isEmpty()) {
            String[] ids = retriedDone.toArray(String[]::new);
            sent.add(redis.submit("HDEL", errorsKey, lettuce -> lettuce.hdel(errorsKey, ids)));
        }
        for (SubmittedCommand<?> command : sent) {
            command.await();
        }
        broker.counters().add(StreamCounters.Kind.CONSUMED, stream, group, done.size());
        broker.counters().add(StreamCounters.Kind.FAILED, stream, group, errors.size());
    }

    static String describe(Throwable e) {
        String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    @Override
    public String toString() {
        return stream + "/" + group + "/" + name;
    }
}
