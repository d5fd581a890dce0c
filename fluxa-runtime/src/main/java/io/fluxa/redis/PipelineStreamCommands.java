package io.fluxa.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@link RedisPipeline} commands on streams, scripts and rate limiting: each queues the
 * {@link RedisStreamCommands} or {@link RedisScriptCommands} command of the same name. Implemented only by
 * {@code RedisPipeline}.
 */
public sealed interface PipelineStreamCommands permits RedisPipeline {

    // ---- streams ---------------------------------------------------------------------------------

    /** @see RedisPool#xAdd */
    default PipelineResult<String> xAdd(String stream, Map<String, String> fields) {
        return add(StreamCalls.xAdd(stream, fields));
    }

    /** @see RedisPool#xAddBytes */
    default PipelineResult<String> xAddBytes(String stream, Map<String, byte[]> fields) {
        return add(StreamCalls.xAddBytes(stream, fields));
    }

    /** @see RedisPool#xLen */
    default PipelineResult<Long> xLen(String stream) {
        return add(StreamCalls.xLen(stream));
    }

    /** @see RedisPool#xRange(String, String, String) */
    default PipelineResult<List<StreamEntry>> xRange(String stream, String start, String end) {
        return add(StreamCalls.xRange(stream, start, end, -1));
    }

    /** @see RedisPool#xRange(String, String, String, long) */
    default PipelineResult<List<StreamEntry>> xRange(String stream, String start, String end, long count) {
        return add(StreamCalls.xRange(stream, start, end, count));
    }

    /** @see RedisPool#xDel */
    default PipelineResult<Long> xDel(String stream, String... ids) {
        return add(StreamCalls.xDel(stream, ids));
    }

    /** @see RedisPool#xTrim */
    default PipelineResult<Long> xTrim(String stream, long maxLen) {
        return add(StreamCalls.xTrim(stream, maxLen));
    }

    /** @see RedisPool#xGroupCreate */
    default PipelineResult<Boolean> xGroupCreate(String stream, String group, String startId, boolean mkStream) {
        return add(StreamCalls.xGroupCreate(stream, group, startId, mkStream));
    }

    /** @see RedisPool#xGroupDestroy */
    default PipelineResult<Boolean> xGroupDestroy(String stream, String group) {
        return add(StreamCalls.xGroupDestroy(stream, group));
    }

    /** @see RedisPool#xReadGroup(String, String, String, long) */
    default PipelineResult<List<StreamEntry>> xReadGroup(String stream, String group, String consumer, long count) {
        return add(StreamCalls.xReadGroup(stream, group, consumer, ">", count));
    }

    /** @see RedisPool#xAck */
    default PipelineResult<Long> xAck(String stream, String group, String... ids) {
        return add(StreamCalls.xAck(stream, group, ids));
    }

    /** @see RedisPool#xPending */
    default PipelineResult<StreamPending> xPending(String stream, String group) {
        return add(StreamCalls.xPending(stream, group));
    }

    // ---- scripts and rate limiting ----------------------------------------------------------------

    /** @see RedisPool#eval */
    default PipelineResult<Object> eval(String script, List<String> keys, String... args) {
        return add(ScriptCalls.eval(script, keys, args));
    }

    /** @see RedisPool#eval(RedisScript, List) */
    default PipelineResult<Object> eval(RedisScript script, List<String> keys) {
        return add(ScriptCalls.eval(script, keys, null, pipeline().pool().loadedScripts()));
    }

    /** @see RedisPool#eval(RedisScript, List, String...) */
    default PipelineResult<Object> eval(RedisScript script, List<String> keys, String... args) {
        return add(ScriptCalls.eval(script, keys, ScriptCalls.utf8(args), pipeline().pool().loadedScripts()));
    }

    /** @see RedisPool#eval(RedisScript, List, byte[]...) */
    default PipelineResult<Object> eval(RedisScript script, List<String> keys, byte[]... args) {
        return add(ScriptCalls.eval(script, keys, args, pipeline().pool().loadedScripts()));
    }

    /** @see RedisPool#evalSha */
    default PipelineResult<Object> evalSha(String sha, List<String> keys, String... args) {
        return add(ScriptCalls.evalSha(sha, keys, args));
    }

    /** @see RedisPool#rateLimit */
    default PipelineResult<Boolean> rateLimit(String key, int limit, Duration window) {
        return add(ScriptCalls.rateLimit(key, limit, window, pipeline().pool().loadedScripts()));
    }

    private <R, T> PipelineResult<T> add(Call<R, T> call) {
        return pipeline().add(call);
    }

    private RedisPipeline pipeline() {
        return (RedisPipeline) this;
    }
}
