package io.fluxa.spring.autoconfigure.asyncflush;

import io.fluxa.Engine;
import io.fluxa.async.AsyncFlush;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the async flush, tagged {@code pool}: counters {@code fluxa.async.flush.enqueued},
 * {@code .applied}, {@code .retried}, {@code .dead.lettered}, gauges {@code fluxa.async.flush.lag.entries}
 * and {@code .dead.letters}, and the time gauge {@code fluxa.async.flush.lag} (seconds) — read from
 * Redis/MySQL at most every stats-refresh. Dotted lower-case names, base units (Micrometer's conventions).
 */
public final class AsyncFlushMeters implements MeterBinder {

    private final Engine engine;
    private final List<String> pools;
    private final Duration refresh;
    private final Map<String, Cached> stats = new ConcurrentHashMap<>();

    private record Cached(AsyncFlush.Stats stats, long readAt) {
    }

    AsyncFlushMeters(Engine engine, List<String> pools, Duration refresh) {
        this.engine = engine;
        this.pools = pools;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        AsyncFlush async = engine.asyncFlush();
        for (String pool : pools) {
            for (AsyncFlush.Counter counter : AsyncFlush.Counter.values()) {
                FunctionCounter.builder("fluxa.async.flush." + counter.name().toLowerCase(Locale.ROOT).replace('_', '.'), async,
                                a -> a.count(counter, pool))
                        .tag("pool", pool).description("async flush entries " + counter.name().toLowerCase(Locale.ROOT)
                                .replace('_', ' ') + " since start").register(registry);
            }
            Gauge.builder("fluxa.async.flush.lag.entries", this, m -> m.stats(pool).lagEntries()).tag("pool", pool)
                    .description("entries enqueued but not applied to MySQL yet").register(registry);
            TimeGauge.builder("fluxa.async.flush.lag", this, TimeUnit.SECONDS, m -> m.stats(pool).lagSeconds()).tag("pool", pool)
                    .description("age of the oldest entry not applied yet").register(registry);
            Gauge.builder("fluxa.async.flush.dead.letters", this, m -> m.stats(pool).deadLetters()).tag("pool", pool)
                    .description("entries in the dead-letter stream").register(registry);
        }
    }

    private AsyncFlush.Stats stats(String pool) {
        long now = System.nanoTime();
        Cached cached = stats.get(pool);
        if (cached == null || now - cached.readAt() >= refresh.toNanos()) {
            cached = new Cached(engine.asyncFlush().stats(pool), now);
            stats.put(pool, cached);
        }
        return cached.stats();
    }
}
