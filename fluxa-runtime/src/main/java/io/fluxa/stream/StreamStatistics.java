package io.fluxa.stream;

import io.fluxa.FluxaException;
import io.fluxa.redis.RedisReplies;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
        RedisAsyncCommands<String, byte[]> async = redis.async();
        String deadStream = EventBroker.deadLetterStream(stream);
        RedisFuture<Long> length = async.xlen(stream);
        RedisFuture<Long> dead = async.xlen(deadStream);
        RedisFuture<List<Object>> groupsReply = async.xinfoGroups(stream);
        long len = redis.await(length, "XLEN " + stream);
        long deadLetters = redis.await(dead, "XLEN " + deadStream);
        List<Object> groupList;
        try {
            groupList = redis.await(groupsReply, "XINFO GROUPS " + stream);
        } catch (FluxaException e) {
            if (StreamRedis.isError(e, "ERR no such key")) {
                return new StreamStats(stream, redis.code(), 0, deadLetters, List.of());
            }
            throw e;
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        List<RedisFuture<PendingMessages>> pendings = new ArrayList<>();
        List<RedisFuture<List<Object>>> consumers = new ArrayList<>();
        for (Object g : groupList) {
            Map<String, Object> info = RedisReplies.pairs(g);
            String name = String.valueOf(info.get("name"));
            groups.add(info);
            pendings.add(async.xpending(stream, name));
            consumers.add(async.xinfoConsumers(stream, name));
        }
        long now = System.currentTimeMillis();
        List<StreamStats.Group> result = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> info = groups.get(i);
            String name = String.valueOf(info.get("name"));
            PendingMessages pending = redis.await(pendings.get(i), "XPENDING " + stream + " " + name);
            long oldestAge = 0;
            Range<String> ids = pending.getMessageIds();
            if (pending.getCount() > 0 && ids != null && ids.getLower() != null && ids.getLower().getValue() != null) {
                oldestAge = Math.max(0, now - StreamRedis.parseId(ids.getLower().getValue())[0]);
            }
            List<StreamStats.Consumer> members = new ArrayList<>();
            for (Object c : redis.await(consumers.get(i), "XINFO CONSUMERS " + stream + " " + name)) {
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
