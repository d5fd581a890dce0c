package io.fluxa.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.PendingMessages;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Every raw Redis command of the API, written once. {@link LettuceRedisPool} runs a call and waits;
 * {@link RedisPipeline} queues calls and sends them together. Arguments are checked here, when the
 * call is made, so a bad argument never leaves a pipeline half-sent.
 */
final class Calls {

    /**
     * Sliding-window rate limiter. Keeps one sorted-set member per allowed request, scored with the
     * server's clock in milliseconds (server time, so every application instance agrees). Members older
     * than the window are dropped first; a request is allowed and recorded only while fewer than
     * {@code limit} remain. Rejected requests are not recorded. KEYS[1] the limiter key; ARGV limit,
     * window in milliseconds, a unique member.
     */
    static final String RATE_LIMIT_SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], window)
              return 1
            end
            return 0
            """;

    private static final String[] NO_KEYS = new String[0];

    private Calls() {
    }

    // ---- keys ------------------------------------------------------------------------------------

    static Call<Long, Long> del(String... keys) {
        String[] k = keys("DEL", keys);
        return Call.of("DEL", k, a -> a.del(k), Calls::count);
    }

    static Call<Long, Long> exists(String... keys) {
        String[] k = keys("EXISTS", keys);
        return Call.of("EXISTS", k, a -> a.exists(k), Calls::count);
    }

    static Call<Boolean, Boolean> expire(String key, Duration ttl) {
        key(key);
        long millis = positiveMillis(ttl, "ttl");
        return Call.of("PEXPIRE", key, a -> a.pexpire(key, millis), Boolean.TRUE::equals);
    }

    static Call<Long, Optional<Duration>> ttl(String key) {
        key(key);
        return Call.of("PTTL", key, a -> a.pttl(key),
                millis -> millis == null || millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis)));
    }

    static Call<Boolean, Boolean> persist(String key) {
        key(key);
        return Call.of("PERSIST", key, a -> a.persist(key), Boolean.TRUE::equals);
    }

    static Call<String, String> type(String key) {
        key(key);
        return Call.of("TYPE", key, a -> a.type(key), type -> type);
    }

    static Call<KeyScanCursor<String>, KeyScanCursor<String>> scan(String cursor, String pattern, long count) {
        Objects.requireNonNull(pattern, "pattern must not be null");
        ScanArgs args = ScanArgs.Builder.matches(pattern).limit(count);
        ScanCursor position = ScanCursor.of(cursor);
        return Call.of("SCAN", new String[] {pattern}, a -> a.scan(position, args), page -> page);
    }

    // ---- strings ---------------------------------------------------------------------------------

    static Call<byte[], Optional<String>> get(String key) {
        key(key);
        return Call.<byte[], Optional<String>>of("GET", key, a -> a.get(key), v -> Optional.ofNullable(text(v)))
                .missWhen(Optional::isEmpty);
    }

    static Call<byte[], Optional<byte[]>> getBytes(String key) {
        key(key);
        return Call.<byte[], Optional<byte[]>>of("GET", key, a -> a.get(key), Optional::ofNullable)
                .missWhen(Optional::isEmpty);
    }

    static Call<String, Void> set(String key, byte[] value, Duration ttl) {
        key(key);
        value(value);
        if (ttl == null) {
            return Call.of("SET", key, a -> a.set(key, value), ok -> null);
        }
        SetArgs args = SetArgs.Builder.px(positiveMillis(ttl, "ttl"));
        return Call.of("SET", key, a -> a.set(key, value, args), ok -> null);
    }

    static Call<String, Boolean> setNX(String key, byte[] value, Duration ttl) {
        key(key);
        value(value);
        SetArgs args = ttl == null ? SetArgs.Builder.nx() : SetArgs.Builder.nx().px(positiveMillis(ttl, "ttl"));
        return Call.of("SET", key, a -> a.set(key, value, args), "OK"::equals);
    }

    static Call<byte[], Optional<String>> getSet(String key, String value) {
        key(key);
        byte[] bytes = bytes(value);
        return Call.of("SET", key, a -> a.setGet(key, bytes), v -> Optional.ofNullable(text(v)));
    }

    static Call<List<KeyValue<String, byte[]>>, List<String>> mGet(String... keys) {
        String[] k = keys("MGET", keys);
        return Call.<List<KeyValue<String, byte[]>>, List<String>>of("MGET", k, a -> a.mget(k), Calls::values)
                .missWhen(values -> values.contains(null));
    }

    static Call<String, Void> mSet(Map<String, String> values) {
        Objects.requireNonNull(values, "values must not be null");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("MSET needs at least one key");
        }
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        values.forEach((k, v) -> encoded.put(key(k), bytes(v)));
        return Call.of("MSET", encoded.keySet().toArray(NO_KEYS), a -> a.mset(encoded), ok -> null);
    }

    static Call<Long, Long> incrBy(String key, long delta) {
        key(key);
        return Call.of("INCRBY", key, a -> a.incrby(key, delta), Calls::count);
    }

    // ---- lists -----------------------------------------------------------------------------------

    static Call<Long, Long> lPush(String key, String... values) {
        key(key);
        byte[][] v = values("LPUSH", values);
        return Call.of("LPUSH", key, a -> a.lpush(key, v), Calls::count);
    }

    static Call<Long, Long> rPush(String key, String... values) {
        key(key);
        byte[][] v = values("RPUSH", values);
        return Call.of("RPUSH", key, a -> a.rpush(key, v), Calls::count);
    }

    static Call<byte[], Optional<String>> lPop(String key) {
        key(key);
        return Call.of("LPOP", key, a -> a.lpop(key), v -> Optional.ofNullable(text(v)));
    }

    static Call<byte[], Optional<String>> rPop(String key) {
        key(key);
        return Call.of("RPOP", key, a -> a.rpop(key), v -> Optional.ofNullable(text(v)));
    }

    static Call<List<byte[]>, List<String>> lRange(String key, long start, long stop) {
        key(key);
        return Call.of("LRANGE", key, a -> a.lrange(key, start, stop), Calls::texts);
    }

    static Call<Long, Long> lLen(String key) {
        key(key);
        return Call.of("LLEN", key, a -> a.llen(key), Calls::count);
    }

    static Call<Long, Long> lRem(String key, long count, String value) {
        key(key);
        byte[] v = bytes(value);
        return Call.of("LREM", key, a -> a.lrem(key, count, v), Calls::count);
    }

    static Call<String, Void> lSet(String key, long index, String value) {
        key(key);
        byte[] v = bytes(value);
        return Call.of("LSET", key, a -> a.lset(key, index, v), ok -> null);
    }

    static Call<byte[], Optional<String>> lIndex(String key, long index) {
        key(key);
        return Call.of("LINDEX", key, a -> a.lindex(key, index), v -> Optional.ofNullable(text(v)));
    }

    static Call<String, Void> lTrim(String key, long start, long stop) {
        key(key);
        return Call.of("LTRIM", key, a -> a.ltrim(key, start, stop), ok -> null);
    }

    // ---- hashes ----------------------------------------------------------------------------------

    static Call<Boolean, Boolean> hSet(String key, String field, byte[] value) {
        key(key);
        field(field);
        value(value);
        return Call.of("HSET", key, a -> a.hset(key, field, value), Boolean.TRUE::equals);
    }

    static Call<Long, Long> hSet(String key, Map<String, String> fields) {
        key(key);
        Objects.requireNonNull(fields, "fields must not be null");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("HSET needs at least one field");
        }
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        fields.forEach((f, v) -> encoded.put(field(f), bytes(v)));
        return Call.of("HSET", key, a -> a.hset(key, encoded), Calls::count);
    }

    static Call<byte[], Optional<String>> hGet(String key, String field) {
        key(key);
        field(field);
        return Call.<byte[], Optional<String>>of("HGET", key, a -> a.hget(key, field),
                v -> Optional.ofNullable(text(v))).missWhen(Optional::isEmpty);
    }

    static Call<byte[], Optional<byte[]>> hGetBytes(String key, String field) {
        key(key);
        field(field);
        return Call.<byte[], Optional<byte[]>>of("HGET", key, a -> a.hget(key, field), Optional::ofNullable)
                .missWhen(Optional::isEmpty);
    }

    static Call<List<KeyValue<String, byte[]>>, List<String>> hMGet(String key, String... fields) {
        key(key);
        String[] f = fields("HMGET", fields);
        return Call.<List<KeyValue<String, byte[]>>, List<String>>of("HMGET", key, a -> a.hmget(key, f),
                Calls::values).missWhen(values -> values.contains(null));
    }

    static Call<Map<String, byte[]>, Map<String, String>> hGetAll(String key) {
        key(key);
        return Call.<Map<String, byte[]>, Map<String, String>>of("HGETALL", key, a -> a.hgetall(key),
                Calls::textMap).missWhen(Map::isEmpty);
    }

    static Call<Map<String, byte[]>, Map<String, byte[]>> hGetAllBytes(String key) {
        key(key);
        return Call.<Map<String, byte[]>, Map<String, byte[]>>of("HGETALL", key, a -> a.hgetall(key), hash -> hash)
                .missWhen(Map::isEmpty);
    }

    static Call<Long, Long> hSetBytes(String key, Map<String, byte[]> fields) {
        key(key);
        Objects.requireNonNull(fields, "fields must not be null");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("HSET needs at least one field");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        fields.forEach((f, v) -> {
            value(v);
            copy.put(field(f), v);
        });
        return Call.of("HSET", key, a -> a.hset(key, copy), Calls::count);
    }

    static Call<Long, Long> hDel(String key, String... fields) {
        key(key);
        String[] f = fields("HDEL", fields);
        return Call.of("HDEL", key, a -> a.hdel(key, f), Calls::count);
    }

    static Call<Long, Long> hIncrBy(String key, String field, long delta) {
        key(key);
        field(field);
        return Call.of("HINCRBY", key, a -> a.hincrby(key, field, delta), Calls::count);
    }

    static Call<Long, Long> hLen(String key) {
        key(key);
        return Call.of("HLEN", key, a -> a.hlen(key), Calls::count);
    }

    static Call<Boolean, Boolean> hExists(String key, String field) {
        key(key);
        field(field);
        return Call.of("HEXISTS", key, a -> a.hexists(key, field), Boolean.TRUE::equals);
    }

    // ---- sets ------------------------------------------------------------------------------------

    static Call<Long, Long> sAdd(String key, String... members) {
        key(key);
        byte[][] m = values("SADD", members);
        return Call.of("SADD", key, a -> a.sadd(key, m), Calls::count);
    }

    static Call<Long, Long> sRem(String key, String... members) {
        key(key);
        byte[][] m = values("SREM", members);
        return Call.of("SREM", key, a -> a.srem(key, m), Calls::count);
    }

    static Call<Set<byte[]>, Set<String>> sMembers(String key) {
        key(key);
        return Call.of("SMEMBERS", key, a -> a.smembers(key), members -> {
            Set<String> result = new LinkedHashSet<>();
            for (byte[] member : members) {
                result.add(text(member));
            }
            return result;
        });
    }

    static Call<Boolean, Boolean> sIsMember(String key, String member) {
        key(key);
        byte[] m = bytes(member);
        return Call.of("SISMEMBER", key, a -> a.sismember(key, m), Boolean.TRUE::equals);
    }

    static Call<Long, Long> sCard(String key) {
        key(key);
        return Call.of("SCARD", key, a -> a.scard(key), Calls::count);
    }

    static Call<byte[], Optional<String>> sPop(String key) {
        key(key);
        return Call.of("SPOP", key, a -> a.spop(key), v -> Optional.ofNullable(text(v)));
    }

    // ---- sorted sets -----------------------------------------------------------------------------

    static Call<Long, Boolean> zAdd(String key, double score, String member) {
        key(key);
        byte[] m = bytes(member);
        return Call.of("ZADD", key, a -> a.zadd(key, score, m), added -> added != null && added > 0);
    }

    static Call<Long, Long> zAdd(String key, Map<String, Double> scores) {
        key(key);
        Objects.requireNonNull(scores, "scores must not be null");
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("ZADD needs at least one member");
        }
        Object[] pairs = new Object[scores.size() * 2];
        int i = 0;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            pairs[i++] = Objects.requireNonNull(e.getValue(), "score of member '" + e.getKey() + "' is null");
            pairs[i++] = bytes(e.getKey());
        }
        return Call.of("ZADD", key, a -> a.zadd(key, pairs), Calls::count);
    }

    static Call<Long, Long> zRem(String key, String... members) {
        key(key);
        byte[][] m = values("ZREM", members);
        return Call.of("ZREM", key, a -> a.zrem(key, m), Calls::count);
    }

    static Call<Double, Optional<Double>> zScore(String key, String member) {
        key(key);
        byte[] m = bytes(member);
        return Call.<Double, Optional<Double>>of("ZSCORE", key, a -> a.zscore(key, m), Optional::ofNullable)
                .missWhen(Optional::isEmpty);
    }

    static Call<List<byte[]>, List<String>> zRange(String key, long start, long stop) {
        key(key);
        return Call.of("ZRANGE", key, a -> a.zrange(key, start, stop), Calls::texts);
    }

    static Call<List<ScoredValue<byte[]>>, List<ScoredMember>> zRangeWithScores(String key, long start, long stop) {
        key(key);
        return Call.of("ZRANGE", key, a -> a.zrangeWithScores(key, start, stop), Calls::scored);
    }

    static Call<List<byte[]>, List<String>> zRevRange(String key, long start, long stop) {
        key(key);
        return Call.of("ZREVRANGE", key, a -> a.zrevrange(key, start, stop), Calls::texts);
    }

    static Call<List<byte[]>, List<String>> zRangeByScore(String key, double min, double max, long offset,
            long count) {
        key(key);
        Range<Double> range = Range.create(min, max);
        Limit limit = count < 0 ? Limit.unlimited() : Limit.create(offset, count);
        return Call.of("ZRANGEBYSCORE", key, a -> a.zrangebyscore(key, range, limit), Calls::texts);
    }

    static Call<Long, Long> zCard(String key) {
        key(key);
        return Call.of("ZCARD", key, a -> a.zcard(key), Calls::count);
    }

    static Call<Long, Long> zCount(String key, double min, double max) {
        key(key);
        Range<Double> range = Range.create(min, max);
        return Call.of("ZCOUNT", key, a -> a.zcount(key, range), Calls::count);
    }

    static Call<Double, Double> zIncrBy(String key, double delta, String member) {
        key(key);
        byte[] m = bytes(member);
        return Call.of("ZINCRBY", key, a -> a.zincrby(key, delta, m), score -> score);
    }

    // ---- streams ---------------------------------------------------------------------------------

    static Call<String, String> xAdd(String stream, Map<String, String> fields) {
        key(stream);
        Objects.requireNonNull(fields, "fields must not be null");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("XADD needs at least one field");
        }
        Map<String, byte[]> body = new LinkedHashMap<>();
        fields.forEach((f, v) -> body.put(field(f), bytes(v)));
        return Call.of("XADD", stream, a -> a.xadd(stream, body), id -> id);
    }

    static Call<Long, Long> xLen(String stream) {
        key(stream);
        return Call.of("XLEN", stream, a -> a.xlen(stream), Calls::count);
    }

    static Call<List<StreamMessage<String, byte[]>>, List<StreamEntry>> xRange(String stream, String start,
            String end, long count) {
        key(stream);
        Range<String> range = Range.create(id(start, "start"), id(end, "end"));
        Limit limit = count < 0 ? Limit.unlimited() : Limit.from(count);
        return Call.of("XRANGE", stream, a -> a.xrange(stream, range, limit), Calls::entries);
    }

    static Call<Long, Long> xDel(String stream, String... ids) {
        key(stream);
        String[] i = ids("XDEL", ids);
        return Call.of("XDEL", stream, a -> a.xdel(stream, i), Calls::count);
    }

    static Call<Long, Long> xTrim(String stream, long maxLen) {
        key(stream);
        return Call.of("XTRIM", stream, a -> a.xtrim(stream, maxLen), Calls::count);
    }

    static Call<String, Boolean> xGroupCreate(String stream, String group, String startId, boolean mkStream) {
        key(stream);
        name(group, "group");
        XReadArgs.StreamOffset<String> offset = XReadArgs.StreamOffset.from(stream, id(startId, "startId"));
        XGroupCreateArgs args = XGroupCreateArgs.Builder.mkstream(mkStream);
        return Call.<String, Boolean>of("XGROUP", stream, a -> a.xgroupCreate(offset, group, args), ok -> true)
                .onError("BUSYGROUP", false);
    }

    static Call<Boolean, Boolean> xGroupDestroy(String stream, String group) {
        key(stream);
        name(group, "group");
        return Call.of("XGROUP", stream, a -> a.xgroupDestroy(stream, group), Boolean.TRUE::equals);
    }

    static Call<List<StreamMessage<String, byte[]>>, List<StreamEntry>> xReadGroup(String stream, String group,
            String consumer, String id, long count) {
        key(stream);
        Consumer<String> from = Consumer.from(name(group, "group"), name(consumer, "consumer"));
        XReadArgs args = count < 0 ? new XReadArgs() : XReadArgs.Builder.count(count);
        @SuppressWarnings({"unchecked", "rawtypes"}) // a one-element generic array, built without varargs
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[] {
                XReadArgs.StreamOffset.from(stream, id(id, "id"))};
        return Call.of("XREADGROUP", stream, a -> a.xreadgroup(from, args, offsets), Calls::entries);
    }

    static Call<Long, Long> xAck(String stream, String group, String... ids) {
        key(stream);
        name(group, "group");
        String[] i = ids("XACK", ids);
        return Call.of("XACK", stream, a -> a.xack(stream, group, i), Calls::count);
    }

    static Call<PendingMessages, StreamPending> xPending(String stream, String group) {
        key(stream);
        name(group, "group");
        return Call.of("XPENDING", stream, a -> a.xpending(stream, group), pending -> {
            Range<String> ids = pending.getMessageIds();
            String lowest = ids == null || ids.getLower() == null ? null : ids.getLower().getValue();
            String highest = ids == null || ids.getUpper() == null ? null : ids.getUpper().getValue();
            Map<String, Long> consumers = pending.getConsumerMessageCount() == null ? Map.of()
                    : pending.getConsumerMessageCount();
            return new StreamPending(pending.getCount(), lowest, highest, consumers);
        });
    }

    static Call<List<Object>, StreamInfo> xInfoStream(String stream) {
        key(stream);
        return Call.of("XINFO", stream, a -> a.xinfoStream(stream), reply -> {
            Map<String, Object> info = pairs(reply);
            return new StreamInfo(number(info.get("length")), number(info.get("groups")),
                    (String) info.get("last-generated-id"), entryId(info.get("first-entry")),
                    entryId(info.get("last-entry")));
        });
    }

    static Call<List<Object>, List<StreamGroupInfo>> xInfoGroups(String stream) {
        key(stream);
        return Call.of("XINFO", stream, a -> a.xinfoGroups(stream), reply -> {
            List<StreamGroupInfo> groups = new ArrayList<>();
            for (Object group : reply) {
                Map<String, Object> info = pairs(group);
                groups.add(new StreamGroupInfo((String) info.get("name"), number(info.get("consumers")),
                        number(info.get("pending")), (String) info.get("last-delivered-id")));
            }
            return groups;
        });
    }

    // ---- scripts ---------------------------------------------------------------------------------

    static Call<Object, Object> eval(String script, List<String> keys, String... args) {
        Objects.requireNonNull(script, "script must not be null");
        String[] k = scriptKeys(keys);
        byte[][] v = values(args);
        return Call.of("EVAL", k, a -> a.dispatch(CommandType.EVAL, new ScriptReply(), scriptArgs(script, k, v)),
                reply -> reply);
    }

    static Call<Object, Object> evalSha(String sha, List<String> keys, String... args) {
        Objects.requireNonNull(sha, "sha must not be null");
        String[] k = scriptKeys(keys);
        byte[][] v = values(args);
        return Call.of("EVALSHA", k, a -> a.dispatch(CommandType.EVALSHA, new ScriptReply(),
                scriptArgs(sha, k, v)), reply -> reply);
    }

    /**
     * Runs a described script: {@code EVALSHA} once {@code loaded} holds its SHA, {@code EVAL} before
     * (which caches it on the server; the SHA is recorded when that succeeded). A {@code NOSCRIPT}
     * answer to {@code EVALSHA} repeats the call once with {@code EVAL}.
     */
    static Call<Object, Object> eval(RedisScript script, List<String> keys, byte[][] args, Set<String> loaded) {
        Objects.requireNonNull(script, "script must not be null");
        String[] k = scriptKeys(keys);
        byte[][] v = args == null ? new byte[0][] : args.clone();
        for (byte[] arg : v) {
            value(arg);
        }
        if (!loaded.contains(script.sha())) {
            return evalSource(script, k, v, loaded);
        }
        return Call.<Object, Object>of("EVALSHA", k, a -> a.dispatch(CommandType.EVALSHA, new ScriptReply(),
                        scriptArgs(script.sha(), k, v)), reply -> reply).detail(script.name())
                .retryOnError("NOSCRIPT", () -> evalSource(script, k, v, loaded));
    }

    private static Call<Object, Object> evalSource(RedisScript script, String[] k, byte[][] v, Set<String> loaded) {
        return Call.<Object, Object>of("EVAL", k, a -> a.dispatch(CommandType.EVAL, new ScriptReply(),
                scriptArgs(script.source(), k, v)), reply -> {
                    loaded.add(script.sha());
                    return reply;
                }).detail(script.name());
    }

    static byte[][] utf8(String[] args) {
        return values(args);
    }

    private static CommandArgs<String, byte[]> scriptArgs(String scriptOrSha, String[] keys, byte[][] args) {
        return new CommandArgs<>(LettuceRedisPool.CODEC).add(scriptOrSha).add(keys.length).addKeys(keys)
                .addValues(args);
    }

    static Call<String, String> scriptLoad(String script) {
        Objects.requireNonNull(script, "script must not be null");
        return Call.of("SCRIPT", NO_KEYS, a -> a.scriptLoad(script), sha -> sha);
    }

    static Call<List<Boolean>, Boolean> scriptExists(String sha) {
        Objects.requireNonNull(sha, "sha must not be null");
        return Call.of("SCRIPT", NO_KEYS, a -> a.scriptExists(sha),
                found -> !found.isEmpty() && Boolean.TRUE.equals(found.get(0)));
    }

    static Call<Long, Boolean> rateLimit(String key, int limit, Duration window) {
        key(key);
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit of '" + key + "' must be at least 1, got " + limit);
        }
        long millis = positiveMillis(window, "window");
        String[] k = {key};
        byte[][] args = {ascii(Integer.toString(limit)), ascii(Long.toString(millis)), ascii(Long.toHexString(
                ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime()))};
        return Call.of("EVAL", k, a -> a.eval(RATE_LIMIT_SCRIPT, ScriptOutputType.INTEGER, k, args),
                allowed -> allowed != null && allowed == 1L);
    }

    // ---- server ----------------------------------------------------------------------------------

    static Call<String, String> info(String section) {
        if (section == null) {
            return Call.of("INFO", NO_KEYS, a -> a.info(), text -> text);
        }
        return Call.of("INFO", NO_KEYS, a -> a.info(section), text -> text);
    }

    static Call<Long, Long> dbSize() {
        return Call.of("DBSIZE", NO_KEYS, a -> a.dbsize(), Calls::count);
    }

    static Call<String, Void> flushDb() {
        return Call.of("FLUSHDB", NO_KEYS, a -> a.flushdb(), ok -> null);
    }

    // ---- argument checks ---------------------------------------------------------------------------

    static String key(String key) {
        if (key == null) {
            throw new IllegalArgumentException("a Redis key must not be null");
        }
        return key;
    }

    private static String field(String field) {
        if (field == null) {
            throw new IllegalArgumentException("a hash or stream field name must not be null");
        }
        return field;
    }

    private static void value(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("a Redis value must not be null; use del(key) to remove a key");
        }
    }

    private static String name(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a stream " + what + " name must not be empty");
        }
        return name;
    }

    private static String id(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("stream " + what + " must not be empty; use \"-\", \"+\", \"$\", "
                    + "\"0\", \">\" or an entry id");
        }
        return id;
    }

    private static String[] keys(String command, String[] keys) {
        return each(command, keys, "key", Calls::key);
    }

    private static String[] fields(String command, String[] fields) {
        return each(command, fields, "field", Calls::field);
    }

    private static String[] ids(String command, String[] ids) {
        return each(command, ids, "entry id", id -> id(id, "entry id"));
    }

    /** A copy of a non-empty argument array whose every element passed {@code check}. */
    private static String[] each(String command, String[] items, String what, UnaryOperator<String> check) {
        if (items == null || items.length == 0) {
            throw new IllegalArgumentException(command + " needs at least one " + what);
        }
        for (String item : items) {
            check.apply(item);
        }
        return items.clone();
    }

    private static byte[][] values(String command, String[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(command + " needs at least one value");
        }
        return values(values);
    }

    private static byte[][] values(String[] values) {
        byte[][] encoded = new byte[values == null ? 0 : values.length][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = bytes(values[i]);
        }
        return encoded;
    }

    private static String[] scriptKeys(List<String> keys) {
        if (keys == null) {
            return NO_KEYS;
        }
        String[] k = keys.toArray(NO_KEYS);
        for (String key : k) {
            key(key);
        }
        return k;
    }

    private static long positiveMillis(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero() || duration.toMillis() == 0) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, got " + duration);
        }
        return duration.toMillis();
    }

    // ---- conversions -------------------------------------------------------------------------------

    static byte[] bytes(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a Redis value must not be null; use del(key) to remove a key");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    private static List<String> texts(List<byte[]> values) {
        List<String> result = new ArrayList<>(values.size());
        for (byte[] value : values) {
            result.add(text(value));
        }
        return result;
    }

    private static Map<String, String> textMap(Map<String, byte[]> values) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, text(v)));
        return result;
    }

    private static List<String> values(List<KeyValue<String, byte[]>> values) {
        List<String> result = new ArrayList<>(values.size());
        for (KeyValue<String, byte[]> kv : values) {
            result.add(kv.hasValue() ? text(kv.getValue()) : null);
        }
        return result;
    }

    private static List<ScoredMember> scored(List<ScoredValue<byte[]>> values) {
        List<ScoredMember> result = new ArrayList<>(values.size());
        for (ScoredValue<byte[]> value : values) {
            result.add(new ScoredMember(text(value.getValue()), value.getScore()));
        }
        return result;
    }

    private static List<StreamEntry> entries(List<StreamMessage<String, byte[]>> messages) {
        List<StreamEntry> result = new ArrayList<>(messages.size());
        for (StreamMessage<String, byte[]> message : messages) {
            result.add(new StreamEntry(message.getId(), message.getBody() == null ? Map.of()
                    : textMap(message.getBody())));
        }
        return result;
    }

    /** A script or info reply with every bulk string decoded as UTF-8. */
    private static Object plain(Object reply) {
        if (reply instanceof byte[] bytes) {
            return text(bytes);
        }
        if (reply instanceof Collection<?> items) {
            List<Object> result = new ArrayList<>(items.size());
            for (Object item : items) {
                result.add(plain(item));
            }
            return result;
        }
        if (reply instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(plain(k), plain(v)));
            return result;
        }
        return reply;
    }

    /** An {@code XINFO} reply (a flat name/value list, or a map under RESP3) as a map. */
    private static Map<String, Object> pairs(Object reply) {
        Object plain = plain(reply);
        Map<String, Object> result = new LinkedHashMap<>();
        if (plain instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
        } else if (plain instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                result.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return result;
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    private static String entryId(Object entry) {
        if (entry instanceof List<?> list && !list.isEmpty()) {
            return String.valueOf(list.get(0));
        }
        return null;
    }
}
