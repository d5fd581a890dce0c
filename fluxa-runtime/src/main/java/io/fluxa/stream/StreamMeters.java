package io.fluxa.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Micrometer meters of an engine's streams.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><td>{@code fluxa.streams.published} counter</td><td>tag {@code stream}: events written (publish,
 *     batches, dirty streams, re-drives)</td></tr>
 * <tr><td>{@code fluxa.streams.consumed} counter</td><td>tags {@code stream}, {@code group}, {@code outcome}:
 *     {@code success} for events acknowledged after their handler returned, {@code error} for handler
 *     exceptions (the event stays pending)</td></tr>
 * <tr><td>{@code fluxa.streams.dead.lettered} counter</td><td>tags {@code stream}, {@code group}: events
 *     moved to the dead-letter stream</td></tr>
 * <tr><td>{@code fluxa.streams.dirty.retried} / {@code .dirty.dropped} counters</td><td>tag {@code stream}:
 *     dirty events Redis did not take after a commit and that were retried, and those finally dropped</td></tr>
 * <tr><td>{@code fluxa.streams.length} / {@code .dead.letters} gauges</td><td>tag {@code stream}</td></tr>
 * <tr><td>{@code fluxa.streams.lag} / {@code .pending} gauges</td><td>tags {@code stream}, {@code group}</td></tr>
 * </table>
 *
 * <p>Gauges read {@link EventBroker#stats()} at most once per {@code refresh} (default 10 s), whatever
 * the scrape rate; groups that appear later get their gauges at the next refresh. A gauge reads NaN
 * while Redis cannot answer.
 */
public final class StreamMeters implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(StreamMeters.class);

    private final RedisEventBroker broker;
    private final long refreshNanos;
    private final Set<String> groupGauges = ConcurrentHashMap.newKeySet();
    private volatile Map<String, StreamStats> latest = Map.of();
    private volatile long refreshedAt;
    private volatile boolean failed;
    private MeterRegistry registry;

    public StreamMeters(EventBroker broker) {
        this(broker, Duration.ofSeconds(10));
    }

    public StreamMeters(EventBroker broker, Duration refresh) {
        this.broker = (RedisEventBroker) broker;
        this.refreshNanos = refresh.toNanos();
        this.refreshedAt = System.nanoTime() - refreshNanos - 1;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        this.registry = meterRegistry;
        broker.counters().forEachKey((key, adder) -> counter(meterRegistry, key, adder));
        for (String stream : broker.streams()) {
            Gauge.builder("fluxa.streams.length", this, m -> m.stream(stream, StreamStats::length))
                    .tags("stream", stream).description("entries in the stream").register(meterRegistry);
            Gauge.builder("fluxa.streams.dead.letters", this, m -> m.stream(stream, StreamStats::deadLetters))
                    .tags("stream", stream).description("entries in the stream's dead-letter stream")
                    .register(meterRegistry);
        }
        refresh();
    }

    private static void counter(MeterRegistry registry, StreamCounters.Key key, LongAdder adder) {
        String name = switch (key.kind()) {
            case PUBLISHED -> "fluxa.streams.published";
            case CONSUMED, FAILED -> "fluxa.streams.consumed";
            case DEAD_LETTERED -> "fluxa.streams.dead.lettered";
            case DIRTY_RETRIED -> "fluxa.streams.dirty.retried";
            case DIRTY_DROPPED -> "fluxa.streams.dirty.dropped";
        };
        Tags tags = key.group().isEmpty() ? Tags.of("stream", key.stream())
                : Tags.of("stream", key.stream(), "group", key.group());
        if (key.kind() == StreamCounters.Kind.CONSUMED || key.kind() == StreamCounters.Kind.FAILED) {
            // one counter with an outcome, not a separate error counter (Micrometer's convention)
            tags = tags.and("outcome", key.kind() == StreamCounters.Kind.CONSUMED ? "success" : "error");
        }
        FunctionCounter.builder(name, adder, LongAdder::sum).tags(tags).register(registry);
    }

    private double stream(String stream, ToLongFunction<StreamStats> value) {
        Map<String, StreamStats> stats = current();
        StreamStats s = stats.get(stream);
        return failed || s == null ? Double.NaN : value.applyAsLong(s);
    }

    private double group(String stream, String group, boolean lag) {
        Map<String, StreamStats> stats = current();
        StreamStats s = stats.get(stream);
        if (failed || s == null) {
            return Double.NaN;
        }
        for (StreamStats.Group g : s.groups()) {
            if (g.name().equals(group)) {
                return lag ? g.lag() : g.pending();
            }
        }
        return Double.NaN;
    }

    private Map<String, StreamStats> current() {
        if (System.nanoTime() - refreshedAt > refreshNanos) {
            refresh();
        }
        return latest;
    }

    private synchronized void refresh() {
        if (System.nanoTime() - refreshedAt <= refreshNanos) {
            return;
        }
        refreshedAt = System.nanoTime();
        Map<String, StreamStats> next = new ConcurrentHashMap<>();
        try {
            for (StreamStats s : broker.stats()) {
                next.put(s.stream(), s);
            }
            failed = false;
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("stream gauges cannot read the stream stats: {}", e.getMessage());
            return;
        }
        latest = next;
        if (registry == null) {
            return;
        }
        for (StreamStats s : next.values()) {
            for (StreamStats.Group g : s.groups()) {
                if (groupGauges.add(s.stream() + "\u0000" + g.name())) {
                    Gauge.builder("fluxa.streams.lag", this, m -> m.group(s.stream(), g.name(), true))
                            .tags("stream", s.stream(), "group", g.name())
                            .description("entries the group has not read yet").register(registry);
                    Gauge.builder("fluxa.streams.pending", this, m -> m.group(s.stream(), g.name(), false))
                            .tags("stream", s.stream(), "group", g.name())
                            .description("entries delivered to the group and not acknowledged").register(registry);
                }
            }
        }
    }
}
