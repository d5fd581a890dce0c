package io.fluxa.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.PendingMessages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The stream commands, each described once (see {@link Calls}). */
final class StreamCalls {

    private StreamCalls() {
    }

    // ---- streams ---------------------------------------------------------------------------------

    static Call<String, String> xAdd(String stream, Map<String, String> fields) {
        Objects.requireNonNull(fields, "fields must not be null");
        Map<String, byte[]> body = new LinkedHashMap<>();
        fields.forEach((f, v) -> body.put(f, Args.bytes(v)));
        return xAddBytes(stream, body);
    }

    static Call<String, String> xAddBytes(String stream, Map<String, byte[]> fields) {
        Args.key(stream);
        Objects.requireNonNull(fields, "fields must not be null");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("XADD needs at least one field");
        }
        Map<String, byte[]> body = new LinkedHashMap<>();
        fields.forEach((f, v) -> {
            Args.value(v);
            body.put(Args.field(f), v);
        });
        return Call.of("XADD", stream, a -> a.xadd(stream, body), id -> id);
    }

    static Call<Long, Long> xLen(String stream) {
        Args.key(stream);
        return Call.of("XLEN", stream, a -> a.xlen(stream), Args::count);
    }

    static Call<List<StreamMessage<String, byte[]>>, List<StreamEntry>> xRange(String stream, String start,
            String end, long count) {
        Args.key(stream);
        Range<String> range = Range.create(Args.id(start, "start"), Args.id(end, "end"));
        Limit limit = count < 0 ? Limit.unlimited() : Limit.from(count);
        return Call.of("XRANGE", stream, a -> a.xrange(stream, range, limit), Args::entries);
    }

    static Call<Long, Long> xDel(String stream, String... ids) {
        Args.key(stream);
        String[] i = Args.ids("XDEL", ids);
        return Call.of("XDEL", stream, a -> a.xdel(stream, i), Args::count);
    }

    static Call<Long, Long> xTrim(String stream, long maxLen) {
        Args.key(stream);
        return Call.of("XTRIM", stream, a -> a.xtrim(stream, maxLen), Args::count);
    }

    static Call<String, Boolean> xGroupCreate(String stream, String group, String startId, boolean mkStream) {
        Args.key(stream);
        Args.name(group, "group");
        XReadArgs.StreamOffset<String> offset = XReadArgs.StreamOffset.from(stream, Args.id(startId, "startId"));
        XGroupCreateArgs args = XGroupCreateArgs.Builder.mkstream(mkStream);
        return Call.<String, Boolean>of("XGROUP", stream, a -> a.xgroupCreate(offset, group, args), ok -> true)
                .onError("BUSYGROUP", false);
    }

    static Call<Boolean, Boolean> xGroupDestroy(String stream, String group) {
        Args.key(stream);
        Args.name(group, "group");
        return Call.of("XGROUP", stream, a -> a.xgroupDestroy(stream, group), Boolean.TRUE::equals);
    }

    static Call<List<StreamMessage<String, byte[]>>, List<StreamEntry>> xReadGroup(String stream, String group,
            String consumer, String id, long count) {
        Args.key(stream);
        Consumer<String> from = Consumer.from(Args.name(group, "group"), Args.name(consumer, "consumer"));
        XReadArgs args = count < 0 ? new XReadArgs() : XReadArgs.Builder.count(count);
        @SuppressWarnings({"unchecked", "rawtypes"}) // a one-element generic array, built without varargs
        XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[] {
                XReadArgs.StreamOffset.from(stream, Args.id(id, "id"))};
        return Call.of("XREADGROUP", stream, a -> a.xreadgroup(from, args, offsets), Args::entries);
    }

    static Call<Long, Long> xAck(String stream, String group, String... ids) {
        Args.key(stream);
        Args.name(group, "group");
        String[] i = Args.ids("XACK", ids);
        return Call.of("XACK", stream, a -> a.xack(stream, group, i), Args::count);
    }

    static Call<PendingMessages, StreamPending> xPending(String stream, String group) {
        Args.key(stream);
        Args.name(group, "group");
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
        Args.key(stream);
        return Call.of("XINFO", stream, a -> a.xinfoStream(stream), reply -> {
            Map<String, Object> info = RedisReplies.pairs(reply);
            return new StreamInfo(Args.number(info.get("length")), Args.number(info.get("groups")),
                    (String) info.get("last-generated-id"), Args.entryId(info.get("first-entry")),
                    Args.entryId(info.get("last-entry")));
        });
    }

    static Call<List<Object>, List<StreamGroupInfo>> xInfoGroups(String stream) {
        Args.key(stream);
        return Call.of("XINFO", stream, a -> a.xinfoGroups(stream), reply -> {
            List<StreamGroupInfo> groups = new ArrayList<>();
            for (Object group : reply) {
                Map<String, Object> info = RedisReplies.pairs(group);
                groups.add(new StreamGroupInfo((String) info.get("name"), Args.number(info.get("consumers")),
                        Args.number(info.get("pending")), (String) info.get("last-delivered-id")));
            }
            return groups;
        });
    }

}
