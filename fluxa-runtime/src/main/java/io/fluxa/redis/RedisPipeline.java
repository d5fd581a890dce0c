package io.fluxa.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Queues Redis commands and sends them in one round-trip on {@link #exec()}. Each command method
 * matches the {@link RedisPool} method of the same name and returns a {@link PipelineResult} of the
 * same type, readable after {@code exec()}. Arguments are checked when a command is queued.
 *
 * <pre>{@code
 * RedisPipeline p = ctx.redisPipeline("default");
 * PipelineResult<Long> visits = p.incr("visits");
 * PipelineResult<Optional<String>> name = p.hGet("user:1", "name");
 * p.expire("visits", Duration.ofHours(1));
 * p.exec();
 * visits.get();
 * }</pre>
 *
 * <p><b>Not a transaction.</b> Redis runs the commands one after the other; another client's
 * commands may run in between, and a command that fails does not stop or undo the others.
 *
 * <p><b>How it is sent.</b> {@code exec()} writes every queued command to the pool's pipeline
 * connection — a second connection of the pool, opened on first use, whose automatic flushing is
 * off — then flushes once, so all commands leave in one write, and only then waits for the replies.
 * The ORM's shared connection is never switched to manual flushing (that would stall every other
 * thread using it). The pipeline connection is shared by all pipelines of the pool, on every thread;
 * they take turns only for the short queue-and-flush step (so one pipeline's commands stay together
 * and in order), never while waiting for replies.
 *
 * <p>A pipeline object itself is <b>not</b> thread-safe: queue and execute it on one thread. It can
 * be reused: {@code exec()} empties it, and later commands go to the next {@code exec()}.
 */
public final class RedisPipeline {

    private final PipelineBatch batch;

    RedisPipeline(LettuceRedisPool pool) {
        this.batch = new PipelineBatch(pool);
    }

    /** The pool this pipeline sends to. */
    public RedisPool pool() {
        return batch.pool();
    }

    /** Number of commands waiting for {@link #exec()}. */
    public int size() {
        return batch.size();
    }

    /**
     * Sends every queued command in one round-trip, waits for all replies and empties the pipeline.
     * Does nothing when the pipeline is empty. Each {@link PipelineResult} then holds its reply or its
     * own failure.
     *
     * @throws io.fluxa.RedisCommandException when Redis rejected any command; the others still took
     *     effect and their results are readable. The message names the pool, the failed command and
     *     its position.
     * @throws io.fluxa.PoolUnavailableException when the pool could not be reached or did not answer
     *     within its command timeout
     */
    public void exec() {
        batch.exec();
    }

    /**
     * Sends every queued command in one write, like {@link #exec()}, but returns without waiting for
     * the replies and empties the pipeline. Meant for writes whose failure only costs a later cache
     * miss (cache fills): a failed command is logged at WARN (pool, command, keys, error), never
     * thrown, and the {@link PipelineResult}s of these commands stay not done. A {@code NOSCRIPT}
     * answer to a {@link RedisScript} is still retried with the script's source.
     *
     * @throws io.fluxa.PoolUnavailableException when the commands could not even be written (pool closed)
     */
    public void execInBackground() {
        batch.execInBackground();
    }

    private <R, T> PipelineResult<T> add(Call<R, T> call) {
        return batch.add(call);
    }

    // ---- keys ------------------------------------------------------------------------------------

    /** @see RedisPool#del */
    public PipelineResult<Long> del(String... keys) {
        return add(Calls.del(keys));
    }

    /** @see RedisPool#exists */
    public PipelineResult<Long> exists(String... keys) {
        return add(Calls.exists(keys));
    }

    /** @see RedisPool#expire */
    public PipelineResult<Boolean> expire(String key, Duration ttl) {
        return add(Calls.expire(key, ttl));
    }

    /** @see RedisPool#ttl */
    public PipelineResult<Optional<Duration>> ttl(String key) {
        return add(Calls.ttl(key));
    }

    /** @see RedisPool#persist */
    public PipelineResult<Boolean> persist(String key) {
        return add(Calls.persist(key));
    }

    /** @see RedisPool#type */
    public PipelineResult<String> type(String key) {
        return add(Calls.type(key));
    }

    // ---- strings ---------------------------------------------------------------------------------

    /** @see RedisPool#get */
    public PipelineResult<Optional<String>> get(String key) {
        return add(Calls.get(key));
    }

    /** @see RedisPool#getBytes */
    public PipelineResult<Optional<byte[]>> getBytes(String key) {
        return add(Calls.getBytes(key));
    }

    /** @see RedisPool#set(String, String) */
    public PipelineResult<Void> set(String key, String value) {
        return add(Calls.set(key, Args.bytes(value), null));
    }

    /** @see RedisPool#set(String, String, Duration) */
    public PipelineResult<Void> set(String key, String value, Duration ttl) {
        return add(Calls.set(key, Args.bytes(value), ttl));
    }

    /** @see RedisPool#set(String, byte[]) */
    public PipelineResult<Void> set(String key, byte[] value) {
        return add(Calls.set(key, value, null));
    }

    /** @see RedisPool#set(String, byte[], Duration) */
    public PipelineResult<Void> set(String key, byte[] value, Duration ttl) {
        return add(Calls.set(key, value, ttl));
    }

    /** @see RedisPool#setNX(String, String) */
    public PipelineResult<Boolean> setNX(String key, String value) {
        return add(Calls.setNX(key, Args.bytes(value), null));
    }

    /** @see RedisPool#setNX(String, String, Duration) */
    public PipelineResult<Boolean> setNX(String key, String value, Duration ttl) {
        return add(Calls.setNX(key, Args.bytes(value), ttl));
    }

    /** @see RedisPool#getSet */
    public PipelineResult<Optional<String>> getSet(String key, String value) {
        return add(Calls.getSet(key, value));
    }

    /** @see RedisPool#mGet */
    public PipelineResult<List<String>> mGet(String... keys) {
        return add(Calls.mGet(keys));
    }

    /** @see RedisPool#mSet */
    public PipelineResult<Void> mSet(Map<String, String> values) {
        return add(Calls.mSet(values));
    }

    /** @see RedisPool#incr */
    public PipelineResult<Long> incr(String key) {
        return add(Calls.incrBy(key, 1));
    }

    /** @see RedisPool#incrWithExpire */
    public PipelineResult<Long> incrWithExpire(String key, Duration ttl) {
        return add(ScriptCalls.incrWithExpire(key, 1, ttl, batch.pool().loadedScripts()));
    }

    /** @see RedisPool#incrByWithExpire */
    public PipelineResult<Long> incrByWithExpire(String key, long delta, Duration ttl) {
        return add(ScriptCalls.incrWithExpire(key, delta, ttl, batch.pool().loadedScripts()));
    }

    /** @see RedisPool#incrBy */
    public PipelineResult<Long> incrBy(String key, long delta) {
        return add(Calls.incrBy(key, delta));
    }

    // ---- lists -----------------------------------------------------------------------------------

    /** @see RedisPool#lPush */
    public PipelineResult<Long> lPush(String key, String... values) {
        return add(Calls.lPush(key, values));
    }

    /** @see RedisPool#rPush */
    public PipelineResult<Long> rPush(String key, String... values) {
        return add(Calls.rPush(key, values));
    }

    /** @see RedisPool#lPop */
    public PipelineResult<Optional<String>> lPop(String key) {
        return add(Calls.lPop(key));
    }

    /** @see RedisPool#rPop */
    public PipelineResult<Optional<String>> rPop(String key) {
        return add(Calls.rPop(key));
    }

    /** @see RedisPool#lMove */
    public PipelineResult<Optional<String>> lMove(String source, String destination, ListSide from, ListSide to) {
        return add(Calls.lMove(source, destination, from, to));
    }

    /** @see RedisPool#lRange */
    public PipelineResult<List<String>> lRange(String key, long start, long stop) {
        return add(Calls.lRange(key, start, stop));
    }

    /** @see RedisPool#lLen */
    public PipelineResult<Long> lLen(String key) {
        return add(Calls.lLen(key));
    }

    /** @see RedisPool#lRem */
    public PipelineResult<Long> lRem(String key, long count, String value) {
        return add(Calls.lRem(key, count, value));
    }

    /** @see RedisPool#lSet */
    public PipelineResult<Void> lSet(String key, long index, String value) {
        return add(Calls.lSet(key, index, value));
    }

    /** @see RedisPool#lIndex */
    public PipelineResult<Optional<String>> lIndex(String key, long index) {
        return add(Calls.lIndex(key, index));
    }

    /** @see RedisPool#lTrim */
    public PipelineResult<Void> lTrim(String key, long start, long stop) {
        return add(Calls.lTrim(key, start, stop));
    }

    // ---- hashes ----------------------------------------------------------------------------------

    /** @see RedisPool#hSet(String, String, String) */
    public PipelineResult<Boolean> hSet(String key, String field, String value) {
        return add(Calls.hSet(key, field, Args.bytes(value)));
    }

    /** @see RedisPool#hSet(String, String, byte[]) */
    public PipelineResult<Boolean> hSet(String key, String field, byte[] value) {
        return add(Calls.hSet(key, field, value));
    }

    /** @see RedisPool#hSet(String, Map) */
    public PipelineResult<Long> hSet(String key, Map<String, String> fields) {
        return add(Calls.hSet(key, fields));
    }

    /** @see RedisPool#hGet */
    public PipelineResult<Optional<String>> hGet(String key, String field) {
        return add(Calls.hGet(key, field));
    }

    /** @see RedisPool#hGetBytes */
    public PipelineResult<Optional<byte[]>> hGetBytes(String key, String field) {
        return add(Calls.hGetBytes(key, field));
    }

    /** @see RedisPool#hMGet */
    public PipelineResult<List<String>> hMGet(String key, String... fields) {
        return add(Calls.hMGet(key, fields));
    }

    /** @see RedisPool#hGetAll */
    public PipelineResult<Map<String, String>> hGetAll(String key) {
        return add(Calls.hGetAll(key));
    }

    /** @see RedisPool#hGetAllBytes */
    public PipelineResult<Map<String, byte[]>> hGetAllBytes(String key) {
        return add(Calls.hGetAllBytes(key));
    }

    /** @see RedisPool#hSetBytes */
    public PipelineResult<Long> hSetBytes(String key, Map<String, byte[]> fields) {
        return add(Calls.hSetBytes(key, fields));
    }

    /** @see RedisPool#hSetNX */
    public PipelineResult<Boolean> hSetNX(String key, String field, String value) {
        return add(Calls.hSetNX(key, field, Args.bytes(value)));
    }

    /** @see RedisPool#hDel */
    public PipelineResult<Long> hDel(String key, String... fields) {
        return add(Calls.hDel(key, fields));
    }

    /** @see RedisPool#hIncrBy */
    public PipelineResult<Long> hIncrBy(String key, String field, long delta) {
        return add(Calls.hIncrBy(key, field, delta));
    }

    /** @see RedisPool#hLen */
    public PipelineResult<Long> hLen(String key) {
        return add(Calls.hLen(key));
    }

    /** @see RedisPool#hExists */
    public PipelineResult<Boolean> hExists(String key, String field) {
        return add(Calls.hExists(key, field));
    }

    // ---- sets ------------------------------------------------------------------------------------

    /** @see RedisPool#sAdd */
    public PipelineResult<Long> sAdd(String key, String... members) {
        return add(Calls.sAdd(key, members));
    }

    /** @see RedisPool#sRem */
    public PipelineResult<Long> sRem(String key, String... members) {
        return add(Calls.sRem(key, members));
    }

    /** @see RedisPool#sMembers */
    public PipelineResult<Set<String>> sMembers(String key) {
        return add(Calls.sMembers(key));
    }

    /** @see RedisPool#sIsMember */
    public PipelineResult<Boolean> sIsMember(String key, String member) {
        return add(Calls.sIsMember(key, member));
    }

    /** @see RedisPool#sCard */
    public PipelineResult<Long> sCard(String key) {
        return add(Calls.sCard(key));
    }

    /** @see RedisPool#sPop */
    public PipelineResult<Optional<String>> sPop(String key) {
        return add(Calls.sPop(key));
    }

    // ---- sorted sets -----------------------------------------------------------------------------

    /** @see RedisPool#sPop(String, long) */
    public PipelineResult<Set<String>> sPop(String key, long count) {
        return add(Calls.sPop(key, count));
    }

    /** @see RedisPool#zRevRangeWithScores */
    public PipelineResult<List<ScoredMember>> zRevRangeWithScores(String key, long start, long stop) {
        return add(Calls.zRevRangeWithScores(key, start, stop));
    }

    /** @see RedisPool#zAdd(String, double, String) */
    public PipelineResult<Boolean> zAdd(String key, double score, String member) {
        return add(Calls.zAdd(key, score, member));
    }

    /** @see RedisPool#zAdd(String, Map) */
    public PipelineResult<Long> zAdd(String key, Map<String, Double> scores) {
        return add(Calls.zAdd(key, scores));
    }

    /** @see RedisPool#zRem */
    public PipelineResult<Long> zRem(String key, String... members) {
        return add(Calls.zRem(key, members));
    }

    /** @see RedisPool#zScore */
    public PipelineResult<Optional<Double>> zScore(String key, String member) {
        return add(Calls.zScore(key, member));
    }

    /** @see RedisPool#zRange */
    public PipelineResult<List<String>> zRange(String key, long start, long stop) {
        return add(Calls.zRange(key, start, stop));
    }

    /** @see RedisPool#zRangeWithScores */
    public PipelineResult<List<ScoredMember>> zRangeWithScores(String key, long start, long stop) {
        return add(Calls.zRangeWithScores(key, start, stop));
    }

    /** @see RedisPool#zRevRange */
    public PipelineResult<List<String>> zRevRange(String key, long start, long stop) {
        return add(Calls.zRevRange(key, start, stop));
    }

    /** @see RedisPool#zRangeByScore(String, double, double) */
    public PipelineResult<List<String>> zRangeByScore(String key, double min, double max) {
        return add(Calls.zRangeByScore(key, min, max, 0, -1));
    }

    /** @see RedisPool#zRangeByScore(String, double, double, long, long) */
    public PipelineResult<List<String>> zRangeByScore(String key, double min, double max, long offset, long count) {
        return add(Calls.zRangeByScore(key, min, max, offset, count));
    }

    /** @see RedisPool#zCard */
    public PipelineResult<Long> zCard(String key) {
        return add(Calls.zCard(key));
    }

    /** @see RedisPool#zCount */
    public PipelineResult<Long> zCount(String key, double min, double max) {
        return add(Calls.zCount(key, min, max));
    }

    /** @see RedisPool#zIncrBy */
    public PipelineResult<Double> zIncrBy(String key, double delta, String member) {
        return add(Calls.zIncrBy(key, delta, member));
    }

    // ---- streams ---------------------------------------------------------------------------------

    /** @see RedisPool#xAdd */
    public PipelineResult<String> xAdd(String stream, Map<String, String> fields) {
        return add(StreamCalls.xAdd(stream, fields));
    }

    /** @see RedisPool#xAddBytes */
    public PipelineResult<String> xAddBytes(String stream, Map<String, byte[]> fields) {
        return add(StreamCalls.xAddBytes(stream, fields));
    }

    /** @see RedisPool#xLen */
    public PipelineResult<Long> xLen(String stream) {
        return add(StreamCalls.xLen(stream));
    }

    /** @see RedisPool#xRange(String, String, String) */
    public PipelineResult<List<StreamEntry>> xRange(String stream, String start, String end) {
        return add(StreamCalls.xRange(stream, start, end, -1));
    }

    /** @see RedisPool#xRange(String, String, String, long) */
    public PipelineResult<List<StreamEntry>> xRange(String stream, String start, String end, long count) {
        return add(StreamCalls.xRange(stream, start, end, count));
    }

    /** @see RedisPool#xDel */
    public PipelineResult<Long> xDel(String stream, String... ids) {
        return add(StreamCalls.xDel(stream, ids));
    }

    /** @see RedisPool#xTrim */
    public PipelineResult<Long> xTrim(String stream, long maxLen) {
        return add(StreamCalls.xTrim(stream, maxLen));
    }

    /** @see RedisPool#xGroupCreate */
    public PipelineResult<Boolean> xGroupCreate(String stream, String group, String startId, boolean mkStream) {
        return add(StreamCalls.xGroupCreate(stream, group, startId, mkStream));
    }

    /** @see RedisPool#xGroupDestroy */
    public PipelineResult<Boolean> xGroupDestroy(String stream, String group) {
        return add(StreamCalls.xGroupDestroy(stream, group));
    }

    /** @see RedisPool#xReadGroup(String, String, String, long) */
    public PipelineResult<List<StreamEntry>> xReadGroup(String stream, String group, String consumer, long count) {
        return add(StreamCalls.xReadGroup(stream, group, consumer, ">", count));
    }

    /** @see RedisPool#xAck */
    public PipelineResult<Long> xAck(String stream, String group, String... ids) {
        return add(StreamCalls.xAck(stream, group, ids));
    }

    /** @see RedisPool#xPending */
    public PipelineResult<StreamPending> xPending(String stream, String group) {
        return add(StreamCalls.xPending(stream, group));
    }

    // ---- scripts and rate limiting ----------------------------------------------------------------

    /** @see RedisPool#eval */
    public PipelineResult<Object> eval(String script, List<String> keys, String... args) {
        return add(ScriptCalls.eval(script, keys, args));
    }

    /** @see RedisPool#eval(RedisScript, List) */
    public PipelineResult<Object> eval(RedisScript script, List<String> keys) {
        return add(ScriptCalls.eval(script, keys, null, batch.pool().loadedScripts()));
    }

    /** @see RedisPool#eval(RedisScript, List, String...) */
    public PipelineResult<Object> eval(RedisScript script, List<String> keys, String... args) {
        return add(ScriptCalls.eval(script, keys, ScriptCalls.utf8(args), batch.pool().loadedScripts()));
    }

    /** @see RedisPool#eval(RedisScript, List, byte[]...) */
    public PipelineResult<Object> eval(RedisScript script, List<String> keys, byte[]... args) {
        return add(ScriptCalls.eval(script, keys, args, batch.pool().loadedScripts()));
    }

    /** @see RedisPool#evalSha */
    public PipelineResult<Object> evalSha(String sha, List<String> keys, String... args) {
        return add(ScriptCalls.evalSha(sha, keys, args));
    }

    /** @see RedisPool#rateLimit */
    public PipelineResult<Boolean> rateLimit(String key, int limit, Duration window) {
        return add(ScriptCalls.rateLimit(key, limit, window, batch.pool().loadedScripts()));
    }
}
