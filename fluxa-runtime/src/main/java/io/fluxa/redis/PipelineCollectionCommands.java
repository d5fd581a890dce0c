package io.fluxa.redis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link RedisPipeline} commands on lists, hashes, sets and sorted sets: each queues the
 * {@link RedisCollectionCommands} command of the same name. Implemented only by {@code RedisPipeline}.
 */
public sealed interface PipelineCollectionCommands permits RedisPipeline {

    // ---- lists -----------------------------------------------------------------------------------

    /** @see RedisPool#lPush */
    default PipelineResult<Long> lPush(String key, String... values) {
        return add(ListCalls.lPush(key, values));
    }

    /** @see RedisPool#rPush */
    default PipelineResult<Long> rPush(String key, String... values) {
        return add(ListCalls.rPush(key, values));
    }

    /** @see RedisPool#lPop */
    default PipelineResult<Optional<String>> lPop(String key) {
        return add(ListCalls.lPop(key));
    }

    /** @see RedisPool#rPop */
    default PipelineResult<Optional<String>> rPop(String key) {
        return add(ListCalls.rPop(key));
    }

    /** @see RedisPool#lMove */
    default PipelineResult<Optional<String>> lMove(String source, String destination, ListSide from, ListSide to) {
        return add(ListCalls.lMove(source, destination, from, to));
    }

    /** @see RedisPool#lRange */
    default PipelineResult<List<String>> lRange(String key, long start, long stop) {
        return add(ListCalls.lRange(key, start, stop));
    }

    /** @see RedisPool#lLen */
    default PipelineResult<Long> lLen(String key) {
        return add(ListCalls.lLen(key));
    }

    /** @see RedisPool#lRem */
    default PipelineResult<Long> lRem(String key, long count, String value) {
        return add(ListCalls.lRem(key, count, value));
    }

    /** @see RedisPool#lSet */
    default PipelineResult<Void> lSet(String key, long index, String value) {
        return add(ListCalls.lSet(key, index, value));
    }

    /** @see RedisPool#lIndex */
    default PipelineResult<Optional<String>> lIndex(String key, long index) {
        return add(ListCalls.lIndex(key, index));
    }

    /** @see RedisPool#lTrim */
    default PipelineResult<Void> lTrim(String key, long start, long stop) {
        return add(ListCalls.lTrim(key, start, stop));
    }

    // ---- hashes ----------------------------------------------------------------------------------

    /** @see RedisPool#hSet(String, String, String) */
    default PipelineResult<Boolean> hSet(String key, String field, String value) {
        return add(HashCalls.hSet(key, field, Args.bytes(value)));
    }

    /** @see RedisPool#hSet(String, String, byte[]) */
    default PipelineResult<Boolean> hSet(String key, String field, byte[] value) {
        return add(HashCalls.hSet(key, field, value));
    }

    /** @see RedisPool#hSet(String, Map) */
    default PipelineResult<Long> hSet(String key, Map<String, String> fields) {
        return add(HashCalls.hSet(key, fields));
    }

    /** @see RedisPool#hGet */
    default PipelineResult<Optional<String>> hGet(String key, String field) {
        return add(HashCalls.hGet(key, field));
    }

    /** @see RedisPool#hGetBytes */
    default PipelineResult<Optional<byte[]>> hGetBytes(String key, String field) {
        return add(HashCalls.hGetBytes(key, field));
    }

    /** @see RedisPool#hMGet */
    default PipelineResult<List<String>> hMGet(String key, String... fields) {
        return add(HashCalls.hMGet(key, fields));
    }

    /** @see RedisPool#hGetAll */
    default PipelineResult<Map<String, String>> hGetAll(String key) {
        return add(HashCalls.hGetAll(key));
    }

    /** @see RedisPool#hGetAllBytes */
    default PipelineResult<Map<String, byte[]>> hGetAllBytes(String key) {
        return add(HashCalls.hGetAllBytes(key));
    }

    /** @see RedisPool#hGetAllNumbered */
    default PipelineResult<NumberedHash> hGetAllNumbered(String key, NumberedHash.Layout layout) {
        return add(HashCalls.hGetAllNumbered(key, layout));
    }

    /** @see RedisPool#hSetBytes */
    default PipelineResult<Long> hSetBytes(String key, Map<String, byte[]> fields) {
        return add(HashCalls.hSetBytes(key, fields));
    }

    /** @see RedisPool#hSetNX */
    default PipelineResult<Boolean> hSetNX(String key, String field, String value) {
        return add(HashCalls.hSetNX(key, field, Args.bytes(value)));
    }

    /** @see RedisPool#hDel */
    default PipelineResult<Long> hDel(String key, String... fields) {
        return add(HashCalls.hDel(key, fields));
    }

    /** @see RedisPool#hIncrBy */
    default PipelineResult<Long> hIncrBy(String key, String field, long delta) {
        return add(HashCalls.hIncrBy(key, field, delta));
    }

    /** @see RedisPool#hLen */
    default PipelineResult<Long> hLen(String key) {
        return add(HashCalls.hLen(key));
    }

    /** @see RedisPool#hExists */
    default PipelineResult<Boolean> hExists(String key, String field) {
        return add(HashCalls.hExists(key, field));
    }

    // ---- sets ------------------------------------------------------------------------------------

    /** @see RedisPool#sAdd */
    default PipelineResult<Long> sAdd(String key, String... members) {
        return add(SetCalls.sAdd(key, members));
    }

    /** @see RedisPool#sRem */
    default PipelineResult<Long> sRem(String key, String... members) {
        return add(SetCalls.sRem(key, members));
    }

    /** @see RedisPool#sMembers */
    default PipelineResult<Set<String>> sMembers(String key) {
        return add(SetCalls.sMembers(key));
    }

    /** @see RedisPool#sIsMember */
    default PipelineResult<Boolean> sIsMember(String key, String member) {
        return add(SetCalls.sIsMember(key, member));
    }

    /** @see RedisPool#sCard */
    default PipelineResult<Long> sCard(String key) {
        return add(SetCalls.sCard(key));
    }

    /** @see RedisPool#sPop */
    default PipelineResult<Optional<String>> sPop(String key) {
        return add(SetCalls.sPop(key));
    }

    /** @see RedisPool#sPop(String, long) */
    default PipelineResult<Set<String>> sPop(String key, long count) {
        return add(SetCalls.sPop(key, count));
    }

    // ---- sorted sets -----------------------------------------------------------------------------

    /** @see RedisPool#zRevRangeWithScores */
    default PipelineResult<List<ScoredMember>> zRevRangeWithScores(String key, long start, long stop) {
        return add(SetCalls.zRevRangeWithScores(key, start, stop));
    }

    /** @see RedisPool#zAdd(String, double, String) */
    default PipelineResult<Boolean> zAdd(String key, double score, String member) {
        return add(SetCalls.zAdd(key, score, member));
    }

    /** @see RedisPool#zAdd(String, Map) */
    default PipelineResult<Long> zAdd(String key, Map<String, Double> scores) {
        return add(SetCalls.zAdd(key, scores));
    }

    /** @see RedisPool#zRem */
    default PipelineResult<Long> zRem(String key, String... members) {
        return add(SetCalls.zRem(key, members));
    }

    /** @see RedisPool#zScore */
    default PipelineResult<Optional<Double>> zScore(String key, String member) {
        return add(SetCalls.zScore(key, member));
    }

    /** @see RedisPool#zRange */
    default PipelineResult<List<String>> zRange(String key, long start, long stop) {
        return add(SetCalls.zRange(key, start, stop));
    }

    /** @see RedisPool#zRangeWithScores */
    default PipelineResult<List<ScoredMember>> zRangeWithScores(String key, long start, long stop) {
        return add(SetCalls.zRangeWithScores(key, start, stop));
    }

    /** @see RedisPool#zRevRange */
    default PipelineResult<List<String>> zRevRange(String key, long start, long stop) {
        return add(SetCalls.zRevRange(key, start, stop));
    }

    /** @see RedisPool#zRangeByScore(String, double, double) */
    default PipelineResult<List<String>> zRangeByScore(String key, double min, double max) {
        return add(SetCalls.zRangeByScore(key, min, max, 0, -1));
    }

    /** @see RedisPool#zRangeByScore(String, double, double, long, long) */
    default PipelineResult<List<String>> zRangeByScore(String key, double min, double max, long offset, long count) {
        return add(SetCalls.zRangeByScore(key, min, max, offset, count));
    }

    /** @see RedisPool#zCard */
    default PipelineResult<Long> zCard(String key) {
        return add(SetCalls.zCard(key));
    }

    /** @see RedisPool#zCount */
    default PipelineResult<Long> zCount(String key, double min, double max) {
        return add(SetCalls.zCount(key, min, max));
    }

    /** @see RedisPool#zIncrBy */
    default PipelineResult<Double> zIncrBy(String key, double delta, String member) {
        return add(SetCalls.zIncrBy(key, delta, member));
    }

    private <R, T> PipelineResult<T> add(Call<R, T> call) {
        return pipeline().add(call);
    }

    private RedisPipeline pipeline() {
        return (RedisPipeline) this;
    }
}
