package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.flush.FlushPlan;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The producer of async flushes: one {@code XADD} per MySQL pool of the flush, all sent before the
 * first reply is awaited (one round trip). A failure throws before any cache changed; after a timeout
 * the entry may or may not be in the stream (the exception says so).
 */
final class AsyncProducer implements FlushExecutor.AsyncSink {

    private final AsyncMeters meters;

    AsyncProducer(AsyncMeters meters) {
        this.meters = meters;
    }

    @Override
    public void enqueue(Context context, FlushPlan plan, boolean immediateCacheUpdate) {
        RedisPool redis = AsyncKeys.redis(context.engine());
        List<String> streams = new ArrayList<>(plan.byPool().size());
        List<byte[]> bodies = new ArrayList<>(plan.byPool().size());
        for (Map.Entry<String, List<FlushPlan.TableWork>> pool : plan.byPool().entrySet()) {
            streams.add(AsyncKeys.stream(redis, context.engine().db(pool.getKey())));
            bodies.add(AsyncEntry.encode(context, pool.getValue(), immediateCacheUpdate));
        }
        RedisAsyncCommands<String, byte[]> async = redis.connection().async();
        List<RedisFuture<String>> adds = new ArrayList<>(streams.size());
        for (int i = 0; i < streams.size(); i++) {
            adds.add(async.xadd(streams.get(i), Map.of(AsyncKeys.BODY, bodies.get(i))));
        }
        for (int i = 0; i < adds.size(); i++) {
            AsyncKeys.await(redis, adds.get(i), "XADD " + streams.get(i));
        }
        for (String pool : plan.byPool().keySet()) {
            meters.enqueued(pool);
        }
    }
}
