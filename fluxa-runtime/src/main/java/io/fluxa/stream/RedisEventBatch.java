package io.fluxa.stream;

import io.fluxa.FluxaException;
import io.fluxa.redis.SubmittedCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The {@link EventBatch}: encodes on {@link #add}, sends every XADD, then waits for all replies. */
final class RedisEventBatch implements EventBatch {

    private record Pending(String stream, StreamRedis redis, Map<String, byte[]> fields) {
    }

    private final RedisEventBroker broker;
    private final List<Pending> pending = new ArrayList<>();

    RedisEventBatch(RedisEventBroker broker) {
        this.broker = broker;
    }

    @Override
    public EventBatch add(String stream, Object body) {
        return add(stream, body, Map.of());
    }

    @Override
    public EventBatch add(String stream, Object body, Map<String, String> headers) {
        StreamRedis redis = broker.redis(stream);
        pending.add(new Pending(stream, redis, StreamEntries.fields(broker.encode(stream, body), headers)));
        return this;
    }

    @Override
    public int size() {
        return pending.size();
    }

    @Override
    public List<String> publish() {
        List<Pending> sending = new ArrayList<>(pending);
        pending.clear();
        // all sent before the first wait: one round trip (a send that fails at once fails at its wait)
        List<Supplier<String>> adds = new ArrayList<>(sending.size());
        for (Pending p : sending) {
            try {
                SubmittedCommand<String> add = p.redis().submit("XADD", p.stream(),
                        lettuce -> lettuce.xadd(p.stream(), p.fields()));
                adds.add(add::await);
            } catch (FluxaException e) {
                adds.add(() -> {
                    throw e;
                });
            }
        }
        List<String> ids = new ArrayList<>(sending.size());
        FluxaException failure = null;
        int published = 0;
        for (int i = 0; i < adds.size(); i++) {
            Pending p = sending.get(i);
            try {
                ids.add(adds.get(i).get());
                broker.counters().add(StreamCounters.Kind.PUBLISHED, p.stream(), null, 1);
                published++;
            } catch (FluxaException e) {
                ids.add(null);
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new FluxaException("published " + published + " of " + sending.size() + " events; the first"
                    + " failure: " + failure.getMessage(), failure);
        }
        return ids;
    }
}
