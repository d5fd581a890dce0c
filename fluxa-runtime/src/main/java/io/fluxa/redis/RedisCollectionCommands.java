package io.fluxa.redis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link RedisPool} commands on lists, hashes, sets and sorted sets. Implemented only by
 * {@code RedisPool}; see its documentation for the conventions of every command method.
 */
public sealed interface RedisCollectionCommands permits RedisPool {

    // ---- lists -----------------------------------------------------------------------------------

    /** Inserts values at the head, one after the other; returns the new length. */
    default long lPush(String key, String... values) {
        return run(ListCalls.lPush(key, values));
    }

    /** Appends values at the tail; returns the new length. */
    default long rPush(String key, String... values) {
        return run(ListCalls.rPush(key, values));
    }

    default Optional<String> lPop(String key) {
        return run(ListCalls.lPop(key));
    }

    default Optional<String> rPop(String key) {
        return run(ListCalls.rPop(key));
    }

    /**
     * Moves one element from an end of {@code source} to an end of {@code destination} ({@code LMOVE},
     * never blocks) and returns it; empty when {@code source} is empty. Source and destination may be
     * the same list (a rotation).
     */
    default Optional<String> lMove(String source, String destination, ListSide from, ListSide to) {
        return run(ListCalls.lMove(source, destination, from, to));
    }

    /** Elements {@code start..stop}, both inclusive; negative indexes count from the end ({@code 0, -1} = all). */
    default List<String> lRange(String key, long start, long stop) {
        return run(ListCalls.lRange(key, start, stop));
    }

    default long lLen(String key) {
        return run(ListCalls.lLen(key));
    }

    /**
     * Removes occurrences of {@code value}: the first {@code count} from the head when positive, from
     * the tail when negative, all when 0. Returns how many were removed.
     */
    default long lRem(String key, long count, String value) {
        return run(ListCalls.lRem(key, count, value));
    }

    /** Replaces the element at {@code index}; throws when the index is out of range. */
    default void lSet(String key, long index, String value) {
        run(ListCalls.lSet(key, index, value));
    }

    default Optional<String> lIndex(String key, long index) {
        return run(ListCalls.lIndex(key, index));
    }

    /** Keeps only elements {@code start..stop}. */
    default void lTrim(String key, long start, long stop) {
        run(ListCalls.lTrim(key, start, stop));
    }

    // ---- hashes ----------------------------------------------------------------------------------

    /** Sets one field; true when the field is new. */
    default boolean hSet(String key, String field, String value) {
        return run(HashCalls.hSet(key, field, Args.bytes(value)));
    }

    default boolean hSet(String key, String field, byte[] value) {
        return run(HashCalls.hSet(key, field, value));
    }

    /** Sets several fields; returns how many were new. */
    default long hSet(String key, Map<String, String> fields) {
        return run(HashCalls.hSet(key, fields));
    }

    default Optional<String> hGet(String key, String field) {
        return run(HashCalls.hGet(key, field));
    }

    default Optional<byte[]> hGetBytes(String key, String field) {
        return run(HashCalls.hGetBytes(key, field));
    }

    /** One value per field, in order, {@code null} for an absent field. */
    default List<String> hMGet(String key, String... fields) {
        return run(HashCalls.hMGet(key, fields));
    }

    /** Every field and value; empty when the key does not exist. */
    default Map<String, String> hGetAll(String key) {
        return run(HashCalls.hGetAll(key));
    }

    /** Every field and its raw value; empty when the key does not exist. */
    default Map<String, byte[]> hGetAllBytes(String key) {
        return run(HashCalls.hGetAllBytes(key));
    }

    /**
     * Every field of a hash whose fields are numbers (plus the names of {@code layout}), as arrays of raw
     * values instead of a map: see {@link NumberedHash}. Empty when the key does not exist.
     */
    default NumberedHash hGetAllNumbered(String key, NumberedHash.Layout layout) {
        return run(HashCalls.hGetAllNumbered(key, layout));
    }

    /** Sets several fields to raw values; returns how many were new. */
    default long hSetBytes(String key, Map<String, byte[]> fields) {
        return run(HashCalls.hSetBytes(key, fields));
    }

    /** Sets a field only when it does not exist yet ({@code HSETNX}); true when it was set. */
    default boolean hSetNX(String key, String field, String value) {
        return run(HashCalls.hSetNX(key, field, Args.bytes(value)));
    }

    /** Removes fields; returns how many existed. */
    default long hDel(String key, String... fields) {
        return run(HashCalls.hDel(key, fields));
    }

    default long hIncrBy(String key, String field, long delta) {
        return run(HashCalls.hIncrBy(key, field, delta));
    }

    default long hLen(String key) {
        return run(HashCalls.hLen(key));
    }

    default boolean hExists(String key, String field) {
        return run(HashCalls.hExists(key, field));
    }

    // ---- sets ------------------------------------------------------------------------------------

    /** Adds members; returns how many were new. */
    default long sAdd(String key, String... members) {
        return run(SetCalls.sAdd(key, members));
    }

    /** Removes members; returns how many were there. */
    default long sRem(String key, String... members) {
        return run(SetCalls.sRem(key, members));
    }

    default Set<String> sMembers(String key) {
        return run(SetCalls.sMembers(key));
    }

    default boolean sIsMember(String key, String member) {
        return run(SetCalls.sIsMember(key, member));
    }

    default long sCard(String key) {
        return run(SetCalls.sCard(key));
    }

    /** Removes and returns a random member. */
    default Optional<String> sPop(String key) {
        return run(SetCalls.sPop(key));
    }

    /**
     * Removes and returns up to {@code count} random members ({@code SPOP key count}); empty when the
     * key does not exist.
     */
    default Set<String> sPop(String key, long count) {
        return run(SetCalls.sPop(key, count));
    }

    // ---- sorted sets -----------------------------------------------------------------------------

    /** Adds a member or updates its score; true when the member is new. */
    default boolean zAdd(String key, double score, String member) {
        return run(SetCalls.zAdd(key, score, member));
    }

    /** Adds or updates several members (member → score); returns how many were new. */
    default long zAdd(String key, Map<String, Double> scores) {
        return run(SetCalls.zAdd(key, scores));
    }

    default long zRem(String key, String... members) {
        return run(SetCalls.zRem(key, members));
    }

    default Optional<Double> zScore(String key, String member) {
        return run(SetCalls.zScore(key, member));
    }

    /** Members by rank {@code start..stop} (inclusive, negative from the end), lowest score first. */
    default List<String> zRange(String key, long start, long stop) {
        return run(SetCalls.zRange(key, start, stop));
    }

    default List<ScoredMember> zRangeWithScores(String key, long start, long stop) {
        return run(SetCalls.zRangeWithScores(key, start, stop));
    }

    /** Members by rank, highest score first. */
    default List<String> zRevRange(String key, long start, long stop) {
        return run(SetCalls.zRevRange(key, start, stop));
    }

    /** Members by rank with their scores, highest score first ({@code ZREVRANGE … WITHSCORES}). */
    default List<ScoredMember> zRevRangeWithScores(String key, long start, long stop) {
        return run(SetCalls.zRevRangeWithScores(key, start, stop));
    }

    /** Members with {@code min <= score <= max}, lowest first. */
    default List<String> zRangeByScore(String key, double min, double max) {
        return run(SetCalls.zRangeByScore(key, min, max, 0, -1));
    }

    /** Like {@link #zRangeByScore(String, double, double)}, skipping {@code offset} and returning at most {@code count}. */
    default List<String> zRangeByScore(String key, double min, double max, long offset, long count) {
        return run(SetCalls.zRangeByScore(key, min, max, offset, count));
    }

    default long zCard(String key) {
        return run(SetCalls.zCard(key));
    }

    /** Number of members with {@code min <= score <= max}. */
    default long zCount(String key, double min, double max) {
        return run(SetCalls.zCount(key, min, max));
    }

    /** Adds {@code delta} to the member's score (0 when absent); returns the new score. */
    default double zIncrBy(String key, double delta, String member) {
        return run(SetCalls.zIncrBy(key, delta, member));
    }

    private <R, T> T run(Call<R, T> call) {
        return pool().run(call);
    }

    private RedisPool pool() {
        return (RedisPool) this;
    }
}
