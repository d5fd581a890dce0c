package io.fluxa.spring.autoconfigure.asyncflush;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.mysql.MySqlPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts the async flush consumers with the application context and stops them with it: each
 * finishes the batch in hand and releases its lease.
 */
public final class AsyncFlushConsumers implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncFlushConsumers.class);

    private final Engine engine;
    private final FluxaAsyncFlushProperties properties;
    private final List<AsyncFlushConsumer> consumers = new ArrayList<>();
    private volatile boolean running;

    AsyncFlushConsumers(Engine engine, FluxaAsyncFlushProperties properties) {
        this.engine = engine;
        this.properties = properties;
    }

    /** The MySQL pools consumed. */
    List<String> pools() {
        return pools(engine, properties);
    }

    static List<String> pools(Engine engine, FluxaAsyncFlushProperties properties) {
        if (!properties.pools().isEmpty()) {
            return properties.pools();
        }
        return engine.dbPools().stream().map(MySqlPool::code).sorted().toList();
    }

    @Override
    public synchronized void start() {
        if (engine.redisPools().stream().noneMatch(p -> Registry.DEFAULT_POOL.equals(p.code()))) {
            LOG.info("no async flush consumers: they need the Redis pool '{}', which is not configured",
                    Registry.DEFAULT_POOL);
            running = true;
            return;
        }
        for (String pool : pools()) {
            engine.db(pool); // fails clearly for an unknown pool name
            for (int i = 0; i < properties.consumersPerPool(); i++) {
                consumers.add(engine.asyncFlush().consumer(pool, properties.options()).start());
            }
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        for (AsyncFlushConsumer consumer : consumers) {
            consumer.close();
        }
        consumers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The consumers running now (for tests and diagnostics). */
    public synchronized List<AsyncFlushConsumer> consumers() {
        return List.copyOf(consumers);
    }
}
