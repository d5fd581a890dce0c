package io.fluxa.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The raw Redis commands on sets and sorted sets, each described once; see {@link Calls}. */
final class SetCalls {

    private SetCalls() {
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
