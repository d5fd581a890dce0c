package io.fluxa.redis;

import io.lettuce.core.LMoveArgs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The raw Redis commands on lists, each described once; see {@link Calls}. */
final class ListCalls {

    private ListCalls() {
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
}
