package io.fluxa.engine;

import io.fluxa.FlushObserver;
import io.lettuce.core.resource.ClientResources;

import java.util.function.BiConsumer;

/**
 * The observability hooks of a {@link io.fluxa.Registry}: the {@link FlushObserver} (null = none) and
 * a customizer of the Lettuce {@link ClientResources} of every Redis pool, given the pool's code (e.g.
 * to add a command latency recorder).
 */
public record Instrumentation(FlushObserver flushObserver, BiConsumer<String, ClientResources.Builder> redisClientResources) {

    public static final Instrumentation NONE = new Instrumentation(null, (pool, builder) -> { });

    public Instrumentation withFlushObserver(FlushObserver observer) {
        return new Instrumentation(observer, redisClientResources);
    }

    /** Adds {@code customizer} after the customizers already set. */
    public Instrumentation withRedisClientResources(BiConsumer<String, ClientResources.Builder> customizer) {
        return new Instrumentation(flushObserver, redisClientResources.andThen(customizer));
    }
}
