package io.fluxa.stream;

import io.fluxa.FluxaException;
import io.fluxa.redis.RedisReplies;
import io.fluxa.redis.SubmittedCommand;
import io.lettuce.core.Range;
import io.lettuce.core.models.stream.PendingMessages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link StreamStats} in two round-trips: lengths and {@code XINFO GROUPS} first, then
 * {@code XPENDING} and {@code XINFO CONSUMERS} of every group.
 */
final class StreamStatistics {

    private final RedisEventBroker broker;

    StreamStatistics(RedisEventBroker broker) {
        this.broker = broker;
    }

    StreamStats of(String stream, StreamRedis redis) {
        String deadStream = EventBroker.deadLetterStream(stream);
        SubmittedCommand<Long> length = redis.submit("XLEN", stream, lettuce -> lettuce.xlen(stream));
        SubmittedCommand<Long> dead = redis.submit("XLEN", deadStream, lettuce -> lettuce.xlen(deadStream));
        SubmittedCommand<List<Object>> groupsReply = redis.submit("XINFO GROUPS", stream,
                lettuce -> lettuce.xinfoGroups(stream));
        long len = length.await();
        long deadLetters = dead.await();
        List<Object> groupList;
        try {
            groupList = groupsReply.await();
        } catch (FluxaException e) {
            if (StreamRedis.isError(e, "ERR no such key")) {
                return new StreamStats(stream, redis.code(), 0, deadLetters, List.of());
            }
            throw e;
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        List<SubmittedCommand<PendingMessages>> pendings = new ArrayList<>();
        List<SubmittedCommand<List<Object>>> consumers = new ArrayList<>();
        for (Object g : groupList) {
            Map<String, Object> info = RedisReplies.pairs(g);
            String name = String.valueOf(info.get("name"));
            groups.add(info);
            pendings.add(redis.submit("XPENDING", stream, lettuce -> lettuce.xpending(stream, name)));
            consumers.add(redis.submit("XINFO CONSUMERS", stream, lettuce -> lettuce.xinfoConsumers(stream, name)));
        }
        long now = System.currentTimeMillis();
        List<StreamStats.Group> result = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> info = groups.get(i);
            String name = String.valueOf(info.get("name"));
            PendingMessages pending = pendings.get(i).await();
            long oldestAge = 0;
            Range<String> ids = pending.getMessageIds();
            if (pending.getCount() > 0 && ids != null && ids.getLower() != null && ids.getLower().getValue() != null) {
                oldestAge = Math.max(0, now - StreamRedis.parseId(ids.getLower().getValue())[0]);
            }
            List<StreamStats.Consumer> members = new ArrayList<>();
            for (Object c : consumers.get(i).await()) {
                Map<String, Object> ci = RedisReplies.pairs(c);
                members.add(new StreamStats.Consumer(String.valueOf(ci.get("name")),
                        StreamRedis.number(ci.get("pending"), 0), StreamRedis.number(ci.get("idle"), 0)));
            }
            result.add(new StreamStats.Group(name, StreamRedis.number(info.get("lag"), -1), pending.getCount(),
                    oldestAge, String.valueOf(info.get("last-delivered-id")), members));
        }
        return new StreamStats(stream, redis.code(), len, deadLetters, result);
    }
}
