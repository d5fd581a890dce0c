package io.fluxa.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The raw Redis commands on hashes, each described once; see {@link Calls}. */
final class HashCalls {

    private HashCalls() {
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

    static Call<NumberedHash, NumberedHash> hGetAllNumbered(String key, NumberedHash.Layout layout) {
        Args.key(key);
        Objects.requireNonNull(layout, "layout must not be null");
        return Call.<NumberedHash, NumberedHash>of("HGETALL", key, a -> a.dispatch(CommandType.HGETALL,
                new NumberedHashOutput(layout), new CommandArgs<>(LettuceRedisPool.CODEC).addKey(key)), hash -> hash)
                .missWhen(NumberedHash::isEmpty);
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
}
