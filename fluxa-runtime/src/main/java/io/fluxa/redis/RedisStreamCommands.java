package io.fluxa.redis;

import java.util.List;
import java.util.Map;

/**
 * The {@link RedisPool} commands on streams. Implemented only by {@code RedisPool}; see its
 * documentation for the conventions of every command method, and {@code io.fluxa.stream} for the event
 * broker built on them.
 */
public sealed interface RedisStreamCommands permits RedisPool {

    // ---- streams ---------------------------------------------------------------------------------

    /** Appends an entry with a server-generated id; returns the id. */
    default String xAdd(String stream, Map<String, String> fields) {
        return run(StreamCalls.xAdd(stream, fields));
    }

    /** Appends an entry with raw field values and a server-generated id; returns the id. */
    default String xAddBytes(String stream, Map<String, byte[]> fields) {
        return run(StreamCalls.xAddBytes(stream, fields));
    }

    default long xLen(String stream) {
        return run(StreamCalls.xLen(stream));
    }

    /** Entries with ids from {@code start} to {@code end} ({@code "-"} and {@code "+"} for the ends). */
    default List<StreamEntry> xRange(String stream, String start, String end) {
        return run(StreamCalls.xRange(stream, start, end, -1));
    }

    /** At most {@code count} entries from {@code start} to {@code end}. */
    default List<StreamEntry> xRange(String stream, String start, String end, long count) {
        return run(StreamCalls.xRange(stream, start, end, count));
    }

    /** Deletes entries; returns how many existed. */
    default long xDel(String stream, String... ids) {
        return run(StreamCalls.xDel(stream, ids));
    }

    /** Trims the stream to its newest {@code maxLen} entries (exactly); returns how many were removed. */
    default long xTrim(String stream, long maxLen) {
        return run(StreamCalls.xTrim(stream, maxLen));
    }

    /**
     * Creates a consumer group that will deliver entries after {@code startId} ({@code "$"}: only new
     * ones, {@code "0"}: everything). {@code mkStream} creates an empty stream when there is none.
     * Returns false, without error, when the group already exists.
     */
    default boolean xGroupCreate(String stream, String group, String startId, boolean mkStream) {
        return run(StreamCalls.xGroupCreate(stream, group, startId, mkStream));
    }

    /** Deletes a consumer group; false when there was none. */
    default boolean xGroupDestroy(String stream, String group) {
        return run(StreamCalls.xGroupDestroy(stream, group));
    }

    /**
     * Reads up to {@code count} entries never delivered to the group ({@code XREADGROUP … >}) as
     * {@code consumer}; they stay pending until {@link #xAck acknowledged}. Never blocks: an empty
     * list means there is nothing new (blocking reads would hold the shared connection).
     */
    default List<StreamEntry> xReadGroup(String stream, String group, String consumer, long count) {
        return run(StreamCalls.xReadGroup(stream, group, consumer, ">", count));
    }

    /**
     * Like {@link #xReadGroup(String, String, String, long)} from another position: {@code ">"} for new
     * entries, or an id (e.g. {@code "0"}) to re-read this consumer's own pending entries after it.
     */
    default List<StreamEntry> xReadGroup(String stream, String group, String consumer, String id, long count) {
        return run(StreamCalls.xReadGroup(stream, group, consumer, id, count));
    }

    /** Acknowledges entries; returns how many were pending. */
    default long xAck(String stream, String group, String... ids) {
        return run(StreamCalls.xAck(stream, group, ids));
    }

    default StreamPending xPending(String stream, String group) {
        return run(StreamCalls.xPending(stream, group));
    }

    default StreamInfo xInfoStream(String stream) {
        return run(StreamCalls.xInfoStream(stream));
    }

    default List<StreamGroupInfo> xInfoGroups(String stream) {
        return run(StreamCalls.xInfoGroups(stream));
    }

    private <R, T> T run(Call<R, T> call) {
        return pool().run(call);
    }

    private RedisPool pool() {
        return (RedisPool) this;
    }
}
