package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Redis writes of one flush's {@link PostCommitStep}s: one pipeline per Redis pool, shared by every
 * step (row cache, search index, dirty-stream events …) and sent once after every step queued its
 * commands, so a flush costs one Redis round trip per pool after the commit. A step reads the
 * {@link io.fluxa.redis.PipelineResult}s of its own commands afterwards; a failed command does not stop
 * the others (a pipeline is not a transaction). The pipeline reports to the context's query log as one
 * {@code PIPELINE} event per pool.
 */
public final class PostCommitWrites {

    private final Context context;
    private final Map<String, RedisPipeline> pipelines = new LinkedHashMap<>();

    PostCommitWrites(Context context) {
        this.context = context;
    }

    /** The flush's pipeline to {@code pool} (pools are told apart by their code). */
    public RedisPipeline pipeline(RedisPool pool) {
        return pipelines.computeIfAbsent(pool.code(), code -> pool.withQueryLogger(context.queryLogger()).pipeline());
    }

    /**
     * Sends every pipeline, each in one write, and waits for the replies. Never throws: each command's
     * failure stays in its result, for the step that queued it to handle.
     */
    void send() {
        for (RedisPipeline pipeline : pipelines.values()) {
            try {
                pipeline.exec();
            } catch (RuntimeException e) {
                // every command's own failure is in its PipelineResult
            }
        }
    }
}
