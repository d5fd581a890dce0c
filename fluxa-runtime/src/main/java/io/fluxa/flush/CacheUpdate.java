package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.IdCounters;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.cache.LocalRows;
import io.fluxa.cache.RowCacheWrites;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The first post-commit step: brings every cache tier in line with what MySQL committed and marks
 * the entities flushed. Every written row is invalidated, never overwritten, in Redis (queued on the flush's
 * shared pipeline to each Redis pool, see {@link RowCacheWrites}) and then in the local cache, where its
 * generation moves on so a read that loaded the row before the commit cannot put it back
 * ({@link LocalRows#fill}). The context cache keeps this context's own objects. When Redis does not
 * take the writes they are queued for repair and the flush still succeeds: the count is in
 * {@link io.fluxa.redis.CacheRepairs#pending()} of the pool.
 */
final class CacheUpdate implements PostCommitStep {

    /** Tells the other nodes about rows whose cache writes were repaired later; null without one. */
    private final LocalCacheBroadcast broadcast;

    CacheUpdate(LocalCacheBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    /** What {@link #prepare} hands to {@link #afterCommit}: filled with the writes queued for repair. */
    @Override
    public Object prepare(Context context, FlushPlan plan) {
        return new int[1];
    }

    static int repairsQueued(Object prepared) {
        return prepared instanceof int[] count ? count[0] : 0;
    }

    @Override
    public Runnable afterCommit(Context context, FlushPlan plan, Object prepared, PostCommitWrites writesOut) {
        Runnable check = invalidate(context, plan, prepared, writesOut);
        finish(context, plan);
        return check;
    }

    /**
     * Queues the invalidation of every written row on {@code writesOut} and drops the rows from the
     * local caches, without marking the entities flushed (see {@link #finish}).
     *
     * @return the check to run after the pipelines were sent, or null when nothing went to Redis
     */
    Runnable invalidate(Context context, FlushPlan plan, Object prepared, PostCommitWrites writesOut) {
        Map<RedisPool, RowCacheWrites> batches = new IdentityHashMap<>();
        LocalCacheChannel channel = broadcast == null ? null : broadcast.channel();
        Function<RedisPool, RowCacheWrites> open = pool -> new RowCacheWrites(pool, writesOut.pipeline(pool), channel);
        for (FlushPlan.TableWork table : plan.tables()) {
            EntityType type = table.type();
            RedisPool redis = type.redisPool() == null ? null : context.engine().redis(type.redisPool());
            RowCacheWrites writes = redis == null ? null : batches.computeIfAbsent(redis, open);
            LocalCache local = LocalRows.of(context, type);
            raiseIdCounter(context, table, batches, open);
            for (EntityState entity : table.inserts()) {
                if (writes != null) {
                    writes.insert(entity, local);
                } else {
                    LocalRows.invalidate(local, type, entity.id());
                }
            }
            for (int i = 0; i < table.updates().size(); i++) {
                EntityState entity = table.updates().get(i);
                if (writes != null) {
                    writes.update(entity, table.updatedColumns(i), local);
                } else {
                    LocalRows.invalidate(local, type, entity.id());
                }
            }
            for (EntityState entity : table.deletes()) {
                if (writes != null) {
                    writes.delete(entity, local);
                } else {
                    LocalRows.invalidate(local, type, entity.id());
                }
            }
        }
        if (batches.isEmpty()) {
            return null;
        }
        return () -> {
            int queued = 0;
            for (RowCacheWrites writes : batches.values()) {
                queued += writes.confirm(); // never throws: what Redis did not take is queued for repair
            }
            if (prepared instanceof int[] count) {
                count[0] = queued;
            }
        };
    }

    /** Marks the plan's entities flushed and keeps them (or "not found" for deleted ones) in the context cache. */
    static void finish(Context context, FlushPlan plan) {
        ContextCache contextCache = context.contextCache();
        for (FlushPlan.TableWork table : plan.tables()) {
            String name = table.type().table();
            contextCache.expect(name, table.inserts().size());
            for (EntityState entity : table.inserts()) {
                entity.flushed(false);
                contextCache.put(name, entity.id(), entity.entity());
            }
            for (EntityState entity : table.updates()) {
                entity.flushed(false);
            }
            for (EntityState entity : table.deletes()) {
                entity.flushed(true);
                contextCache.put(name, entity.id(), ContextCache.NOT_FOUND);
            }
        }
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
