package io.fluxa.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link RedisPipeline} commands on keys and strings: each queues the {@link RedisStringCommands}
 * command of the same name. Implemented only by {@code RedisPipeline}.
 */
public sealed interface PipelineStringCommands permits RedisPipeline {

    // ---- keys ------------------------------------------------------------------------------------

    /** @see RedisPool#del */
    default PipelineResult<Long> del(String... keys) {
        return add(Calls.del(keys));
    }

    /** @see RedisPool#exists */
    default PipelineResult<Long> exists(String... keys) {
        return add(Calls.exists(keys));
    }

    /** @see RedisPool#expire */
    default PipelineResult<Boolean> expire(String key, Duration ttl) {
        return add(Calls.expire(key, ttl));
    }

    /** @see RedisPool#ttl */
    default PipelineResult<Optional<Duration>> ttl(String key) {
        return add(Calls.ttl(key));
    }

    /** @see RedisPool#persist */
    default PipelineResult<Boolean> persist(String key) {
        return add(Calls.persist(key));
    }

    /** @see RedisPool#type */
    default PipelineResult<String> type(String key) {
        return add(Calls.type(key));
    }

    // ---- strings ---------------------------------------------------------------------------------

    /** @see RedisPool#get */
    default PipelineResult<Optional<String>> get(String key) {
        return add(Calls.get(key));
    }

    /** @see RedisPool#getBytes */
    default PipelineResult<Optional<byte[]>> getBytes(String key) {
        return add(Calls.getBytes(key));
    }

    /** @see RedisPool#set(String, String) */
    default PipelineResult<Void> set(String key, String value) {
        return add(Calls.set(key, Args.bytes(value), null));
    }

    /** @see RedisPool#set(String, String, Duration) */
    default PipelineResult<Void> set(String key, String value, Duration ttl) {
        return add(Calls.set(key, Args.bytes(value), ttl));
    }

    /** @see RedisPool#set(String, byte[]) */
    default PipelineResult<Void> set(String key, byte[] value) {
        return add(Calls.set(key, value, null));
    }

    /** @see RedisPool#set(String, byte[], Duration) */
    default PipelineResult<Void> set(String key, byte[] value, Duration ttl) {
        return add(Calls.set(key, value, ttl));
    }

    /** @see RedisPool#setNX(String, String) */
    default PipelineResult<Boolean> setNX(String key, String value) {
        return add(Calls.setNX(key, Args.bytes(value), null));
    }

    /** @see RedisPool#setNX(String, String, Duration) */
    default PipelineResult<Boolean> setNX(String key, String value, Duration ttl) {
        return add(Calls.setNX(key, Args.bytes(value), ttl));
    }

    /** @see RedisPool#getSet */
    default PipelineResult<Optional<String>> getSet(String key, String value) {
        return add(Calls.getSet(key, value));
    }

    /** @see RedisPool#mGet */
    default PipelineResult<List<String>> mGet(String... keys) {
        return add(Calls.mGet(keys));
    }

    /** @see RedisPool#mSet */
    default PipelineResult<Void> mSet(Map<String, String> values) {
        return add(Calls.mSet(values));
    }

    /** @see RedisPool#incr */
    default PipelineResult<Long> incr(String key) {
        return add(Calls.incrBy(key, 1));
    }

    /** @see RedisPool#incrWithExpire */
    default PipelineResult<Long> incrWithExpire(String key, Duration ttl) {
        return add(ScriptCalls.incrWithExpire(key, 1, ttl, pipeline().pool().loadedScripts()));
    }

    /** @see RedisPool#incrByWithExpire */
    default PipelineResult<Long> incrByWithExpire(String key, long delta, Duration ttl) {
        return add(ScriptCalls.incrWithExpire(key, delta, ttl, pipeline().pool().loadedScripts()));
    }

    /** @see RedisPool#incrBy */
    default PipelineResult<Long> incrBy(String key, long delta) {
        return add(Calls.incrBy(key, delta));
    }

    private <R, T> PipelineResult<T> add(Call<R, T> call) {
        return pipeline().add(call);
    }

    private RedisPipeline pipeline() {
        return (RedisPipeline) this;
    }
}
