package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.cache.LocalRows;
import io.fluxa.cache.RedisRowCache;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Removes the rows of dead-lettered entries from every cache tier, so no tier shows what MySQL
 * refused: the Redis row cache, this JVM's local cache, and the local caches of the other application
 * instances (one message on the engine's {@link LocalCacheChannel} per batch, when it has one).
 */
final class RejectedRows {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedRows.class);

    private final Engine engine;
    private final Supplier<LocalCacheChannel> channel;

    RejectedRows(Engine engine, Supplier<LocalCacheChannel> channel) {
        this.engine = engine;
        this.channel = channel;
    }

    /** Evicts the rows of {@code entries} (entries that could not be decoded have none). */
    void evict(List<AsyncEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Context context = engine.newContext();
        Map<String, List<Long>> localIdsByTable = new LinkedHashMap<>();
        for (AsyncEntry entry : entries) {
            for (AsyncEntry.Op op : entry.ops()) {
                try {
                    EntityType type = EntryStates.type(engine, op.entity());
                    if (type.redisPool() != null) {
                        RedisPool cache = engine.redis(type.redisPool());
                        cache.del(RedisRowCache.rowKey(RedisRowCache.prefix(cache), type, op.id()));
                    }
                    LocalCache local = LocalRows.of(context, type);
                    if (local != null) {
                        LocalRows.invalidate(local, type, op.id());
                        localIdsByTable.computeIfAbsent(type.table(), t -> new ArrayList<>()).add(op.id());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("could not evict the cached {} {} of a dead-lettered async flush entry: {}", op.entity(),
                            op.id(), e.toString());
                }
            }
        }
        LocalCacheChannel target = channel.get();
        if (target != null && !localIdsByTable.isEmpty()) {
            target.publish(localIdsByTable); // failed publishes are sent again by the channel itself
        }
    }
}
