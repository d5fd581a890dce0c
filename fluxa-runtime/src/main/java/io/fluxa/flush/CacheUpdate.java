package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.IdCounters;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalRows;
import io.fluxa.cache.RowCacheWrites;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The first post-commit step: brings every cache tier in line with what MySQL committed — the Redis
 * row cache (queued on the flush's shared pipelines), the local caches and the context cache — and marks
 * the entities flushed. Updated rows are removed from the local cache rather than overwritten: the
 * entity may hold stale values of columns it did not change.
 */
final class CacheUpdate implements PostCommitStep {

    @Override
    public Runnable afterCommit(Context context, FlushPlan plan, Object prepared, PostCommitWrites writesOut) {
        Map<RedisPool, RowCacheWrites> batches = new IdentityHashMap<>();
        Function<RedisPool, RowCacheWrites> open = pool -> new RowCacheWrites(pool, writesOut.pipeline(pool));
        ContextCache contextCache = context.contextCache();
        for (FlushPlan.TableWork table : plan.tables()) {
            EntityType type = table.type();
            RedisPool redis = type.redisPool() == null ? null : context.engine().redis(type.redisPool());
            RowCacheWrites writes = redis == null ? null : batches.computeIfAbsent(redis, open);
            LocalCache local = LocalRows.of(context, type);
            raiseIdCounter(context, table, batches, open);
            for (EntityState entity : table.inserts()) {
                if (writes != null) {
                    writes.insert(entity);
                }
                entity.flushed(false);
                if (local != null) {
                    LocalRows.set(local, type, entity.id(), entity.loaded());
                }
                contextCache.put(type.table(), entity.id(), entity.entity());
            }
            for (int i = 0; i < table.updates().size(); i++) {
                EntityState entity = table.updates().get(i);
                if (writes != null) {
                    writes.update(entity, table.updatedColumns(i));
                }
                entity.flushed(false);
                if (local != null) {
                    LocalRows.remove(local, type, entity.id());
                }
            }
            for (EntityState entity : table.deletes()) {
                if (writes != null) {
                    writes.delete(entity);
                }
                entity.flushed(true);
                if (local != null) {
                    LocalRows.set(local, type, entity.id(), ContextCache.NOT_FOUND);
                }
                contextCache.put(type.table(), entity.id(), ContextCache.NOT_FOUND);
            }
        }
        if (batches.isEmpty()) {
            return null;
        }
        return () -> {
            for (RowCacheWrites writes : batches.values()) {
                writes.confirm();
            }
        };
    }

    /**
     * Rows inserted with an id the application chose must never be handed out by the counter again,
     * so the counter is moved past the largest of them.
     */
    private static void raiseIdCounter(Context context, FlushPlan.TableWork table, Map<RedisPool, RowCacheWrites> batches,
            Function<RedisPool, RowCacheWrites> open) {
        long max = 0;
        for (EntityState entity : table.inserts()) {
            if (entity.chosenId()) {
                max = Math.max(max, entity.id());
                entity.setChosenId(false);
            }
        }
        if (max == 0) {
            return;
        }
        RedisPool pool = IdCounters.poolOrNull(context, table.type());
        if (pool != null) {
            batches.computeIfAbsent(pool, open).raiseIdCounter(table.type(), max);
        }
    }
}
