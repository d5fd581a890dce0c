package io.fluxa.stream;

import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link EventBroker} of an engine. Made by the engine from the registered streams; the public
 * constructor is for the engine, not for applications.
 */
public final class RedisEventBroker implements EventBroker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisEventBroker.class);

    private final Map<String, String> streamPools;
    private final Map<String, StreamOptions> options;
    private final Map<String, StreamRedis> pools = new LinkedHashMap<>();
    private final EventValues values;
    private final StreamCounters counters = new StreamCounters();
    private final Set<EventConsumer> consumers = ConcurrentHashMap.newKeySet();
    private final StreamStatistics statistics;
    private final DeadLetters deadLetters;
    private final DirtyEventRetries retries;

    /**
     * @param streamPools stream name → Redis pool code, in registration order
     * @param options stream name → its options (missing: {@link StreamOptions#DEFAULTS})
     * @param redisPool the Redis pool of a code
     * @param codecs event codecs by the class they handle
     */
    public RedisEventBroker(Map<String, String> streamPools, Map<String, StreamOptions> options,
            Function<String, RedisPool> redisPool, Map<Class<?>, EventCodec<?>> codecs) {
        this.streamPools = Collections.unmodifiableMap(new LinkedHashMap<>(streamPools));
        this.options = Map.copyOf(options);
        for (String code : new LinkedHashSet<>(streamPools.values())) {
            pools.put(code, new StreamRedis(redisPool.apply(code)));
        }
        this.values = new EventValues(codecs);
        this.statistics = new StreamStatistics(this);
        this.deadLetters = new DeadLetters(this);
        this.retries = new DirtyEventRetries(this);
    }

    /** Creates every registered group (and its stream when missing); existing groups are left alone. */
    public void createGroups() {
        for (Map.Entry<String, String> stream : streamPools.entrySet()) {
            for (String group : options(stream.getKey()).groups()) {
                createGroup(stream.getKey(), group);
            }
        }
    }

    /** {@code XGROUP CREATE stream group 0 MKSTREAM}; true when created, false when it existed. */
    boolean createGroup(String stream, String group) {
        StreamRedis redis = redis(stream);
        try {
            redis.submit("XGROUP CREATE", stream, lettuce -> lettuce.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"),
                    group, XGroupCreateArgs.Builder.mkstream())).await();
            return true;
        } catch (FluxaException e) {
            if (StreamRedis.isError(e, "BUSYGROUP")) {
                return false;
            }
            throw e;
        }
    }

    // ---- lookups ---------------------------------------------------------------------------------

    StreamRedis redis(String stream) {
        String pool = streamPools.get(stream);
        if (pool == null) {
            throw new FluxaConfigException("stream '" + stream + "' is not registered"
                    + (streamPools.isEmpty() ? "" : " (registered: " + String.join(", ", streamPools.keySet()) + ")")
                    + "; register it with Registry.registerStream(\"" + stream + "\", pool) or under "
                    + "fluxa.pools.<pool>.streams");
        }
        return pools.get(pool);
    }

    StreamOptions options(String stream) {
        return options.getOrDefault(stream, StreamOptions.DEFAULTS);
    }

    EventValues values() {
        return values;
    }

    StreamCounters counters() {
        return counters;
    }

    DeadLetters deadLetterStore() {
        return deadLetters;
    }

    DirtyEventRetries retries() {
        return retries;
    }

    /** Encodes an event body; the error names the stream. */
    byte[] encode(String stream, Object body) {
        try {
            return values.encode(body);
        } catch (FluxaException e) {
            throw new FluxaException("stream '" + stream + "': " + e.getMessage(), e);
        }
    }

    // ---- publishing ------------------------------------------------------------------------------

    @Override
    public String publish(String stream, Object body) {
        return publish(stream, body, Map.of());
    }

    @Override
    public String publish(String stream, Object body, Map<String, String> headers) {
        return batch().add(stream, body, headers).publish().get(0);
    }

    @Override
    public EventBatch batch() {
        return new RedisEventBatch(this);
    }

    // ---- consuming -------------------------------------------------------------------------------

    @Override
    public EventConsumer consumer(String stream, String group, String consumer) {
        return consumer(stream, group, consumer, ConsumerOptions.DEFAULTS);
    }

    @Override
    public EventConsumer consumer(String stream, String group, String consumer, ConsumerOptions consumerOptions) {
        if (group == null || group.isBlank() || consumer == null || consumer.isBlank()) {
            throw new IllegalArgumentException("a consumer of stream '" + stream
                    + "' needs a non-empty group and consumer name; got group '" + group + "', consumer '"
                    + consumer + "'");
        }
        StreamRedis redis = redis(stream);
        createGroup(stream, group);
        EventConsumer created = new EventConsumer(this, redis, stream, group, consumer, consumerOptions);
        consumers.add(created);
        return created;
    }

    void closed(EventConsumer consumer) {
        consumers.remove(consumer);
    }

    // ---- streams, stats, dead letters, trimming -------------------------------------------------------

    @Override
    public Set<String> streams() {
        return streamPools.keySet();
    }

    @Override
    public String pool(String stream) {
        return redis(stream).code();
    }

    @Override
    public StreamStats stats(String stream) {
        return statistics.of(stream, redis(stream));
    }

    @Override
    public List<StreamStats> stats() {
        List<StreamStats> all = new ArrayList<>();
        for (String stream : streamPools.keySet()) {
            all.add(stats(stream));
        }
        return all;
    }

    @Override
    public List<DeadLetter> deadLetters(String stream, int limit) {
        return deadLetters.list(stream, redis(stream), limit);
    }

    @Override
    public int redrive(String stream, int limit) {
        return deadLetters.redrive(stream, redis(stream), limit);
    }

    @Override
    public boolean redrive(String stream, String deadLetterId) {
        return deadLetters.redrive(stream, redis(stream), deadLetterId);
    }

    @Override
    public long trim(String stream) {
        return new StreamTrimmer(redis(stream), stream, options(stream)).trim();
    }

    /** Entries of {@code stream} from {@code start} (inclusive), at most {@code count}. */
    List<StreamMessage<String, byte[]>> range(StreamRedis redis, String stream, String start, String end, long count) {
        return redis.submit("XRANGE", stream, lettuce -> lettuce.xrange(stream, Range.create(start, end),
                Limit.from(count))).await();
    }

    /** Stops every consumer (each finishes its batch), closes their connections and the retry worker. */
    @Override
    public void close() {
        for (EventConsumer consumer : new ArrayList<>(consumers)) {
            consumer.stop();
        }
        for (EventConsumer consumer : new ArrayList<>(consumers)) {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("closing consumer {} failed: {}", consumer, e.toString());
            }
        }
        retries.close();
    }
}
