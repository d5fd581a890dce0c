package io.fluxa.async;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of the async flushes of one engine, per MySQL pool; see {@link AsyncFlush#count}. */
final class AsyncMeters {

    private final Map<AsyncFlush.Counter, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    void enqueued(String pool) {
        add(AsyncFlush.Counter.ENQUEUED, pool, 1);
    }

    void add(AsyncFlush.Counter counter, String pool, long n) {
        if (n != 0) {
            counts.computeIfAbsent(counter, c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(pool, p -> new LongAdder()).add(n);
        }
    }

    long get(AsyncFlush.Counter counter, String pool) {
        LongAdder adder = counts.getOrDefault(counter, Map.of()).get(pool);
        return adder == null ? 0 : adder.sum();
    }
}
