package io.fluxa.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The raw Redis commands on keys, strings, lists, hashes, sets and sorted sets, each described once
 * ({@link StreamCalls} and {@link ScriptCalls} hold the rest). {@link RedisPool} runs a call and waits;
 * {@link RedisPipeline} queues calls and sends them together. Arguments are checked here, when the
 * call is made, so a bad argument never leaves a pipeline half-sent.
 */
final class Calls {

    private Calls() {
    }

    // ---- keys ------------------------------------------------------------------------------------

    static Call<Long, Long> del(String... keys) {
        String[] k = Args.keys("DEL", keys);
        return Call.of("DEL", k, a -> a.del(k), Args::count);
    }

    static Call<Long, Long> exists(String... keys) {
        String[] k = Args.keys("EXISTS", keys);
        return Call.of("EXISTS", k, a -> a.exists(k), Args::count);
    }

    static Call<Boolean, Boolean> expire(String key, Duration ttl) {
        Args.key(key);
        long millis = Args.positiveMillis(ttl, "ttl");
        return Call.of("PEXPIRE", key, a -> a.pexpire(key, millis), Boolean.TRUE::equals);
    }

    static Call<Long, Optional<Duration>> ttl(String key) {
        Args.key(key);
        return Call.of("PTTL", key, a -> a.pttl(key),
                millis -> millis == null || millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis)));
    }

    static Call<Boolean, Boolean> persist(String key) {
        Args.key(key);
        return Call.of("PERSIST", key, a -> a.persist(key), Boolean.TRUE::equals);
    }

    static Call<String, String> type(String key) {
        Args.key(key);
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
        Args.key(key);
        return Call.<byte[], Optional<String>>of("GET", key, a -> a.get(key), v -> Optional.ofNullable(Args.text(v)))
                .missWhen(Optional::isEmpty);
    }

    static Call<byte[], Optional<byte[]>> getBytes(String key) {
        Args.key(key);
        return Call.<byte[], Optional<byte[]>>of("GET", key, a -> a.get(key), Optional::ofNullable)
                .missWhen(Optional::isEmpty);
    }

    static Call<String, Void> set(String key, byte[] value, Duration ttl) {
        Args.key(key);
        Args.value(value);
        if (ttl == null) {
            return Call.of("SET", key, a -> a.set(key, value), ok -> null);
        }
        SetArgs args = SetArgs.Builder.px(Args.positiveMillis(ttl, "ttl"));
        return Call.of("SET", key, a -> a.set(key, value, args), ok -> null);
    }

    static Call<String, Boolean> setNX(String key, byte[] value, Duration ttl) {
        Args.key(key);
        Args.value(value);
        SetArgs args = ttl == null ? SetArgs.Builder.nx() : SetArgs.Builder.nx().px(Args.positiveMillis(ttl, "ttl"));
        return Call.of("SET", key, a -> a.set(key, value, args), "OK"::equals);
    }

    static Call<byte[], Optional<String>> getSet(String key, String value) {
        Args.key(key);
        byte[] bytes = Args.bytes(value);
        return Call.of("SET", key, a -> a.setGet(key, bytes), v -> Optional.ofNullable(Args.text(v)));
    }

    static Call<List<KeyValue<String, byte[]>>, List<String>> mGet(String... keys) {
        String[] k = Args.keys("MGET", keys);
        return Call.<List<KeyValue<String, byte[]>>, List<String>>of("MGET", k, a -> a.mget(k), Args::values)
                .missWhen(values -> values.contains(null));
    }

    static Call<String, Void> mSet(Map<String, String> values) {
        Objects.requireNonNull(values, "values must not be null");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("MSET needs at least one key");
        }
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        values.forEach((k, v) -> encoded.put(Args.key(k), Args.bytes(v)));
        return Call.of("MSET", encoded.keySet().toArray(Args.NO_KEYS), a -> a.mset(encoded), ok -> null);
    }

    static Call<Long, Long> incrBy(String key, long delta) {
        Args.key(key);
        return Call.of("INCRBY", key, a -> a.incrby(key, delta), Args::count);
    }

    // ---- lists -----------------------------------------------------------------------------------

    static Call<Long, Long> lPush(String key, String... values) {
        Args.key(key);
        byte[][] v = Args.values("LPUSH", values);
        return Call.of("LPUSH", key, a -> a.lpush(key, v), Args::count);
    }

    static Call<Long, Long> rPush(String key, String... values) {
        Args.key(key);
        byte[][] v = Args.values("RPUSH", values);
        return Call.of("RPUSH", key, a -> a.rpush(key, v), Args::count);
    }

    static Call<byte[], Optional<String>> lPop(String key) {
        Args.key(key);
        return Call.of("LPOP", key, a -> a.lpop(key), v -> Optional.ofNullable(Args.text(v)));
    }

    static Call<byte[], Optional<String>> rPop(String key) {
        Args.key(key);
        return Call.of("RPOP", key, a -> a.rpop(key), v -> Optional.ofNullable(Args.text(v)));
    }

    static Call<List<byte[]>, List<String>> lRange(String key, long start, long stop) {
        Args.key(key);
        return Call.of("LRANGE", key, a -> a.lrange(key, start, stop), Args::texts);
    }

    static Call<Long, Long> lLen(String key) {
        Args.key(key);
        return Call.of("LLEN", key, a -> a.llen(key), Args::count);
    }

    static Call<Long, Long> lRem(String key, long count, String value) {
        Args.key(key);
        byte[] v = Args.bytes(value);
        return Call.of("LREM", key, a -> a.lrem(key, count, v), Args::count);
    }

    static Call<String, Void> lSet(String key, long index, String value) {
        Args.key(key);
        byte[] v = Args.bytes(value);
        return Call.of("LSET", key, a -> a.lset(key, index, v), ok -> null);
    }

    static Call<byte[], Optional<String>> lIndex(String key, long index) {
        Args.key(key);
        return Call.of("LINDEX", key, a -> a.lindex(key, index), v -> Optional.ofNullable(Args.text(v)));
    }

    static Call<String, Void> lTrim(String key, long start, long stop) {
        Args.key(key);
        return Call.of("LTRIM", key, a -> a.ltrim(key, start, stop), ok -> null);
    }

    static Call<byte[], Optional<String>> lMove(String source, String destination, ListSide from, ListSide to) {
        Args.key(source);
        Args.key(destination);
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        LMoveArgs args = from == ListSide.LEFT
                ? (to == ListSide.LEFT ? LMoveArgs.Builder.leftLeft() : LMoveArgs.Builder.leftRight())
                : (to == ListSide.LEFT ? LMoveArgs.Builder.rightLeft() : LMoveArgs.Builder.rightRight());
        return Call.of("LMOVE", new String[] {source, destination}, a -> a.lmove(source, destination, args),
                v -> Optional.ofNullable(Args.text(v)));
    }

    // ---- hashes ----------------------------------------------------------------------------------

    static Call<Boolean, Boolean> hSet(String key, String field, byte[] value) {
        Args.key(key);
        Args.field(field);
        Args.value(value);
        return Call.of("HSET", key, a -> a.hset(key, field, value), Boolean.TRUE::equals);
    }

    static Call<Long, Long> hSet(String key, Map<String, String> fields) {
        Args.key(key);
        Objects.requireNonNull(fields, "fields must not be null");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("HSET needs at least one field");
        }
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        fields.forEach((f, v) -> encoded.put(Args.field(f), Args.bytes(v)));
        return Call.of("HSET", key, a -> a.hset(key, encoded), Args::count);
    }

    static Call<byte[], Optional<String>> hGet(String key, String field) {
        Args.key(key);
        Args.field(field);
        return Call.<byte[], Optional<String>>of("HGET", key, a -> a.hget(key, field),
                v -> Optional.ofNullable(Args.text(v))).missWhen(Optional::isEmpty);
    }

    static Call<byte[], Optional<byte[]>> hGetBytes(String key, String field) {
        Args.key(key);
        Args.field(field);
        return Call.<byte[], Optional<byte[]>>of("HGET", key, a -> a.hget(key, field), Optional::ofNullable)
                .missWhen(Optional::isEmpty);
    }

    static Call<List<KeyValue<String, byte[]>>, List<String>> hMGet(String key, String... fields) {
        Args.key(key);
        String[] f = Args.fields("HMGET", fields);
        return Call.<List<KeyValue<String, byte[]>>, List<String>>of("HMGET", key, a -> a.hmget(key, f),
                Args::values).missWhen(values -> values.contains(null));
    }

    static Call<Map<String, byte[]>, Map<String, String>> hGetAll(String key) {
        Args.key(key);
        return Call.<Map<String, byte[]>, Map<String, String>>of("HGETALL", key, a -> a.hgetall(key),
                Args::textMap).missWhen(Map::isEmpty);
    }

    static Call<Map<String, byte[]>, Map<String, byte[]>> hGetAllBytes(String key) {
        Args.key(key);
        return Call.<Map<String, byte[]>, Map<String, byte[]>>of("HGETALL", key, a -> a.hgetall(key), hash -> hash)
                .missWhen(Map::isEmpty);
    }

    static Call<Long, Long> hSetBytes(String key, Map<String, byte[]> fields) {
        Args.key(key);
        Objects.requireNonNull(fields, "fields must not be null");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("HSET needs at least one field");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        fields.forEach((f, v) -> {
            Args.value(v);
            copy.put(Args.field(f), v);
        });
        return Call.of("HSET", key, a -> a.hset(key, copy), Args::count);
    }

    static Call<Long, Long> hDel(String key, String... fields) {
        Args.key(key);
        String[] f = Args.fields("HDEL", fields);
        return Call.of("HDEL", key, a -> a.hdel(key, f), Args::count);
    }

    static Call<Long, Long> hIncrBy(String key, String field, long delta) {
        Args.key(key);
        Args.field(field);
        return Call.of("HINCRBY", key, a -> a.hincrby(key, field, delta), Args::count);
    }

    static Call<Long, Long> hLen(String key) {
        Args.key(key);
        return Call.of("HLEN", key, a -> a.hlen(key), Args::count);
    }

    static Call<Boolean, Boolean> hSetNX(String key, String field, byte[] value) {
        Args.key(key);
        Args.field(field);
        Args.value(value);
        return Call.of("HSETNX", key, a -> a.hsetnx(key, field, value), Boolean.TRUE::equals);
    }

    static Call<Boolean, Boolean> hExists(String key, String field) {
        Args.key(key);
        Args.field(field);
        return Call.of("HEXISTS", key, a -> a.hexists(key, field), Boolean.TRUE::equals);
    }

    // ---- sets ------------------------------------------------------------------------------------

    static Call<Long, Long> sAdd(String key, String... members) {
        Args.key(key);
        byte[][] m = Args.values("SADD", members);
        return Call.of("SADD", key, a -> a.sadd(key, m), Args::count);
    }

    static Call<Long, Long> sRem(String key, String... members) {
        Args.key(key);
        byte[][] m = Args.values("SREM", members);
        return Call.of("SREM", key, a -> a.srem(key, m), Args::count);
    }

    static Call<Set<byte[]>, Set<String>> sMembers(String key) {
        Args.key(key);
        return Call.of("SMEMBERS", key, a -> a.smembers(key), Args::textSet);
    }

    static Call<Boolean, Boolean> sIsMember(String key, String member) {
        Args.key(key);
        byte[] m = Args.bytes(member);
        return Call.of("SISMEMBER", key, a -> a.sismember(key, m), Boolean.TRUE::equals);
    }

    static Call<Long, Long> sCard(String key) {
        Args.key(key);
        return Call.of("SCARD", key, a -> a.scard(key), Args::count);
    }

    static Call<byte[], Optional<String>> sPop(String key) {
        Args.key(key);
        return Call.of("SPOP", key, a -> a.spop(key), v -> Optional.ofNullable(Args.text(v)));
    }

    static Call<Set<byte[]>, Set<String>> sPop(String key, long count) {
        Args.key(key);
        if (count < 1) {
            throw new IllegalArgumentException("SPOP count must be at least 1, got " + count);
        }
        return Call.of("SPOP", key, a -> a.spop(key, count), Args::textSet);
    }

    // ---- sorted sets -----------------------------------------------------------------------------

    static Call<Long, Boolean> zAdd(String key, double score, String member) {
        Args.key(key);
        byte[] m = Args.bytes(member);
        return Call.of("ZADD", key, a -> a.zadd(key, score, m), added -> added != null && added > 0);
    }

    static Call<Long, Long> zAdd(String key, Map<String, Double> scores) {
        Args.key(key);
        Objects.requireNonNull(scores, "scores must not be null");
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("ZADD needs at least one member");
        }
        Object[] pairs = new Object[scores.size() * 2];
        int i = 0;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            pairs[i++] = Objects.requireNonNull(e.getValue(), "score of member '" + e.getKey() + "' is null");
            pairs[i++] = Args.bytes(e.getKey());
        }
        return Call.of("ZADD", key, a -> a.zadd(key, pairs), Args::count);
    }

    static Call<Long, Long> zRem(String key, String... members) {
        Args.key(key);
        byte[][] m = Args.values("ZREM", members);
        return Call.of("ZREM", key, a -> a.zrem(key, m), Args::count);
    }

    static Call<Double, Optional<Double>> zScore(String key, String member) {
        Args.key(key);
        byte[] m = Args.bytes(member);
        return Call.<Double, Optional<Double>>of("ZSCORE", key, a -> a.zscore(key, m), Optional::ofNullable)
                .missWhen(Optional::isEmpty);
    }

    static Call<List<byte[]>, List<String>> zRange(String key, long start, long stop) {
        Args.key(key);
        return Call.of("ZRANGE", key, a -> a.zrange(key, start, stop), Args::texts);
    }

    static Call<List<ScoredValue<byte[]>>, List<ScoredMember>> zRangeWithScores(String key, long start, long stop) {
        Args.key(key);
        return Call.of("ZRANGE", key, a -> a.zrangeWithScores(key, start, stop), Args::scored);
    }

    static Call<List<ScoredValue<byte[]>>, List<ScoredMember>> zRevRangeWithScores(String key, long start,
            long stop) {
        Args.key(key);
        return Call.of("ZREVRANGE", key, a -> a.zrevrangeWithScores(key, start, stop), Args::scored);
    }

    static Call<List<byte[]>, List<String>> zRevRange(String key, long start, long stop) {
        Args.key(key);
        return Call.of("ZREVRANGE", key, a -> a.zrevrange(key, start, stop), Args::texts);
    }

    static Call<List<byte[]>, List<String>> zRangeByScore(String key, double min, double max, long offset,
            long count) {
        Args.key(key);
        Range<Double> range = Range.create(min, max);
        Limit limit = count < 0 ? Limit.unlimited() : Limit.create(offset, count);
        return Call.of("ZRANGEBYSCORE", key, a -> a.zrangebyscore(key, range, limit), Args::texts);
    }

    static Call<Long, Long> zCard(String key) {
        Args.key(key);
        return Call.of("ZCARD", key, a -> a.zcard(key), Args::count);
    }

    static Call<Long, Long> zCount(String key, double min, double max) {
        Args.key(key);
        Range<Double> range = Range.create(min, max);
        return Call.of("ZCOUNT", key, a -> a.zcount(key, range), Args::count);
    }

    static Call<Double, Double> zIncrBy(String key, double delta, String member) {
        Args.key(key);
        byte[] m = Args.bytes(member);
        return Call.of("ZINCRBY", key, a -> a.zincrby(key, delta, m), score -> score);
    }

}
