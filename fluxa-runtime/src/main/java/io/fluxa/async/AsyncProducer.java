package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.flush.FlushPlan;
import io.fluxa.flush.PostCommitWrites;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The producer of async flushes: one {@code XADD} per MySQL pool of the flush, queued on the flush's
 * pipeline to the Redis pool {@code default} (behind the rows immediate mode writes through: one round
 * trip). When an entry did not reach the stream the check throws and the entities stay
 * dirty; after a timeout the entry may or may not be in the stream (the exception says so).
 */
final class AsyncProducer implements FlushExecutor.AsyncSink {

    private final AsyncMeters meters;

    AsyncProducer(AsyncMeters meters) {
        this.meters = meters;
    }

    @Override
    public Runnable enqueue(Context context, FlushPlan plan, String writeThroughToken, PostCommitWrites writes) {
        RedisPool redis = AsyncKeys.redis(context.engine());
        RedisPipeline pipeline = writes.pipeline(redis);
        List<PipelineResult<String>> adds = new ArrayList<>(plan.byPool().size());
        for (Map.Entry<String, List<FlushPlan.TableWork>> pool : plan.byPool().entrySet()) {
            String stream = AsyncKeys.stream(redis, context.engine().db(pool.getKey()));
            adds.add(pipeline.xAddBytes(stream, Map.of(AsyncKeys.BODY,
                    AsyncEntry.encode(context, pool.getValue(), writeThroughToken))));
        }
        return () -> {
            for (PipelineResult<String> add : adds) {
                add.get(); // the pool's failure (not reached, timed out, rejected), naming the command
            }
            for (String pool : plan.byPool().keySet()) {
                meters.enqueued(pool);
            }
        };
    }
}
