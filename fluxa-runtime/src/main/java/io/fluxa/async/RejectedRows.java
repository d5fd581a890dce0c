package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.cache.LocalRows;
import io.fluxa.cache.RedisRowCache;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
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
 * refused: the Redis row cache and the cached unique index entries pointing to them, this JVM's local
 * cache, and the local caches of the other application instances (one message on the engine's
 * {@link LocalCacheChannel} per batch, when it has one). The search index rows an immediate entry
 * wrote through are re-indexed as MySQL holds them ({@link FlushExecutor#restoreWrittenThrough}).
 */
final class RejectedRows {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedRows.class);

    private final Engine engine;
    private final Supplier<FlushExecutor> executor;
    private final Supplier<LocalCacheChannel> channel;

    RejectedRows(Engine engine, Supplier<FlushExecutor> executor, Supplier<LocalCacheChannel> channel) {
        this.engine = engine;
        this.executor = executor;
        this.channel = channel;
    }

    /**
     * Evicts the rows of {@code entries} (entries that could not be decoded have none): each row is
     * invalidated in Redis unless a later immediate flush wrote it through, the cached unique index
     * entries its new values may have set are removed when they still point to it, and the local copies
     * are dropped here and on the other nodes. One pipeline per Redis pool. Then the search index rows of
     * the immediate entries are re-indexed from MySQL.
     */
    void evict(List<AsyncEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Context context = engine.newContext();
        Map<String, List<Long>> localIdsByTable = new LinkedHashMap<>();
        Map<String, RedisPipeline> pipelines = new LinkedHashMap<>();
        List<PipelineResult<?>> results = new ArrayList<>();
        EntryStates.Types types = new EntryStates.Types();
        List<EntityState> writtenThrough = new ArrayList<>();
        for (AsyncEntry entry : entries) {
            List<EntityState> states;
            try {
                states = EntryStates.of(context, entry, types);
            } catch (RuntimeException e) {
                LOG.warn("could not evict the cached rows of a dead-lettered async flush entry: {}", e.toString());
                continue;
            }
            if (entry.immediate()) {
                writtenThrough.addAll(states);
            }
            for (EntityState state : states) {
                EntityType type = state.type();
                if (type.redisPool() != null) {
                    RedisPool cache = engine.redis(type.redisPool());
                    RedisPipeline pipeline = pipelines.computeIfAbsent(cache.code(), c -> cache.pipeline());
                    results.addAll(RedisRowCache.evictRefused(pipeline, cache, type, state.id(),
                            state.deleteRow() ? null : state.values(), entry.writeThroughToken()));
                }
                LocalCache local = LocalRows.of(context, type);
                if (local != null) {
                    LocalRows.invalidate(local, type, state.id());
                    localIdsByTable.computeIfAbsent(type.table(), t -> new ArrayList<>()).add(state.id());
                }
            }
        }
        for (RedisPipeline pipeline : pipelines.values()) {
            try {
                pipeline.exec();
            } catch (RuntimeException e) {
                // every command's own failure is in its result
            }
        }
        for (PipelineResult<?> result : results) {
            if (result.failed()) {
                try {
                    result.get();
                } catch (RuntimeException e) {
                    LOG.warn("could not evict the cached rows of a dead-lettered async flush entry: {}", e.toString());
                }
                break;
            }
        }
        LocalCacheChannel target = channel.get();
        if (target != null && !localIdsByTable.isEmpty()) {
            target.publish(localIdsByTable); // failed publishes are sent again by the channel itself
        }
        if (!writtenThrough.isEmpty()) {
            try {
                executor.get().restoreWrittenThrough(context, writtenThrough);
            } catch (RuntimeException e) {
                LOG.warn("could not restore the search index rows of a dead-lettered async flush entry: {}",
                        e.toString());
            }
        }
    }
}
