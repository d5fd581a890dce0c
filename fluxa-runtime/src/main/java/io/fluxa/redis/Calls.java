package io.fluxa.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The raw Redis commands on keys and strings, each described once ({@link ListCalls},
 * {@link HashCalls}, {@link SetCalls}, {@link StreamCalls} and {@link ScriptCalls} hold the other
 * families). {@link RedisPool} runs a call and waits; {@link RedisPipeline} queues calls and sends
 * them together. Arguments are checked here, when the call is made, so a bad argument never leaves a
 * pipeline half-sent.
 */
final class Calls {

    /** How many keys one {@code SCAN} round-trip of {@link RedisStringCommands#keys} asks for. */
    static final int SCAN_PAGE = 1_000;

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
}
