package io.fluxa.stream;

import io.fluxa.FluxaException;
import io.fluxa.redis.RedisReplies;
import io.fluxa.redis.SubmittedCommand;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.models.stream.PendingMessages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trims one stream towards its maximum length. With {@link StreamOptions#trimUnread()} it is a plain
 * {@code XTRIM MAXLEN ~}. Otherwise the cut never passes the first entry some group still needs: its
 * lowest pending entry, or the first entry after its last delivered one. The ids to drop are read with
 * {@code XRANGE} in pages, so a long trim costs one read per {@value #PAGE} entries.
 */
final class StreamTrimmer {

    private static final int PAGE = 1_000;

    private final StreamRedis redis;
    private final String stream;
    private final StreamOptions options;

    StreamTrimmer(StreamRedis redis, String stream, StreamOptions options) {
        this.redis = redis;
        this.stream = stream;
        this.options = options;
    }

    long trim() {
        long maxLength = options.maxLength();
        if (maxLength == 0) {
            return 0;
        }
        if (options.trimUnread()) {
            return redis.submit("XTRIM", stream,
                    lettuce -> lettuce.xtrim(stream, XTrimArgs.Builder.maxlen(maxLength).approximateTrimming())).await();
        }
        long length = redis.submit("XLEN", stream, lettuce -> lettuce.xlen(stream)).await();
        long excess = length - maxLength;
        if (excess <= 0) {
            return 0;
        }
        String keepFrom = firstNeededId();
        long removed = 0;
        while (excess > 0) {
            Limit page = Limit.from(Math.min(excess, PAGE));
            List<StreamMessage<String, byte[]>> oldest = redis.submit("XRANGE", stream,
                    lettuce -> lettuce.xrange(stream, Range.create("-", "+"), page)).await();
            String lastDroppable = null;
            for (StreamMessage<String, byte[]> m : oldest) {
                if (keepFrom != null && StreamRedis.compareIds(m.getId(), keepFrom) >= 0) {
                    break;
                }
                lastDroppable = m.getId();
            }
            if (lastDroppable == null) {
                break;
            }
            XTrimArgs upTo = XTrimArgs.Builder.minId(StreamRedis.nextId(lastDroppable));
            long dropped = redis.submit("XTRIM", stream, lettuce -> lettuce.xtrim(stream, upTo)).await();
            if (dropped == 0) {
                break;
            }
            removed += dropped;
            excess -= dropped;
        }
        return removed;
    }

    /** The smallest id some group still needs, or null when no group needs anything (or there is no group). */
    private String firstNeededId() {
        List<Object> groups;
        try {
            groups = redis.submit("XINFO GROUPS", stream, lettuce -> lettuce.xinfoGroups(stream)).await();
        } catch (FluxaException e) {
            if (StreamRedis.isError(e, "ERR no such key")) {
                return null;
            }
            throw e;
        }
        List<String> names = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        List<SubmittedCommand<PendingMessages>> pendings = new ArrayList<>();
        for (Object g : groups) {
            Map<String, Object> info = RedisReplies.pairs(g);
            names.add(String.valueOf(info.get("name")));
            delivered.add(String.valueOf(info.get("last-delivered-id")));
            String name = names.get(names.size() - 1);
            pendings.add(redis.submit("XPENDING", stream, lettuce -> lettuce.xpending(stream, name)));
        }
        String first = null;
        for (int i = 0; i < names.size(); i++) {
            PendingMessages pending = pendings.get(i).await();
            String needed = StreamRedis.nextId(delivered.get(i));
            Range<String> ids = pending.getMessageIds();
            if (pending.getCount() > 0 && ids != null && ids.getLower() != null && ids.getLower().getValue() != null) {
                needed = ids.getLower().getValue();
            }
            if (first == null || StreamRedis.compareIds(needed, first) < 0) {
                first = needed;
            }
        }
        return first;
    }
}
