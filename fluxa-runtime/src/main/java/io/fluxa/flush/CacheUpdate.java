package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.IdsAhead;
import io.fluxa.cache.IdCounters;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.cache.LocalRows;
import io.fluxa.cache.RowCacheWrites;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
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
    /** The engine's id blocks, kept clear of ids the application chose; null without blocks. */
    private final IdsAhead idsAhead;

    CacheUpdate(LocalCacheBroadcast broadcast, IdsAhead idsAhead) {
        this.broadcast = broadcast;
        this.idsAhead = idsAhead;
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
        return write(context, plan, prepared, writesOut, null);
    }

    /**
     * Immediate async flush: queues on {@code writesOut}, before the stream entries are queued behind
     * them, the new values of every written row (or "not found" for deleted ones) under a moved-on
     * generation marked with {@code token} ({@link RowCacheWrites}), and the index entries as a flush
     * would. Nothing changes in the local caches before the returned check runs (after the entries were
     * confirmed in the stream): it stores the new rows locally (each in one compute with its generation
     * move, see {@link LocalRows#writeThrough}) and tells the other nodes to drop their copies.
     */
    Runnable writeThrough(Context context, FlushPlan plan, PostCommitWrites writesOut, String token) {
        Runnable redis = write(context, plan, new int[1], writesOut, token);
        Runnable others = broadcast == null ? null : broadcast.afterCommit(context, plan, null, writesOut);
        return () -> {
            if (redis != null) {
                redis.run();
            }
            if (others != null) {
                others.run();
            }
        };
    }

    /** {@link #invalidate}, or {@link #writeThrough} with a non-null {@code token}. */
    private Runnable write(Context context, FlushPlan plan, Object prepared, PostCommitWrites writesOut,
            String token) {
        Map<RedisPool, RowCacheWrites> batches = new IdentityHashMap<>();
        LocalCacheChannel channel = broadcast == null ? null : broadcast.channel();
        Function<RedisPool, RowCacheWrites> open = pool -> new RowCacheWrites(pool, writesOut.pipeline(pool), channel,
                token);
        List<Runnable> localOnly = new ArrayList<>();
        for (FlushPlan.TableWork table : plan.tables()) {
            EntityType type = table.type();
            RedisPool redis = type.redisPool() == null ? null : context.engine().redis(type.redisPool());
            RowCacheWrites writes = redis == null ? null : batches.computeIfAbsent(redis, open);
            LocalCache local = LocalRows.of(context, type);
            raiseIdCounter(context, table, batches, open, token == null);
            if (writes == null) {
                localWrites(table, local, token, localOnly);
                continue;
            }
            for (EntityState entity : table.inserts()) {
                writes.insert(entity, local);
            }
            for (int i = 0; i < table.updates().size(); i++) {
                writes.update(table.updates().get(i), table.updatedColumns(i), local);
            }
            for (EntityState entity : table.deletes()) {
                writes.delete(entity, local);
            }
        }
        if (batches.isEmpty() && (token == null || localOnly.isEmpty())) {
            return null;
        }
        return () -> {
            int queued = 0;
            for (RowCacheWrites writes : batches.values()) {
                queued += writes.confirm(); // never throws: what Redis did not take is queued for repair
            }
            if (token != null) {
                localOnly.forEach(Runnable::run); // write-through: only once the entries are in the stream
            }
            if (prepared instanceof int[] count) {
                count[0] = queued;
            }
        };
    }

    /**
     * The local cache writes of the rows of a table without Redis cache. After the commit
     * ({@code token} null) each row is invalidated now: its generation moves on and the local copy, if
     * any, is dropped. For a write-through the new rows are added to {@code later}, to be stored once
     * the stream entries are confirmed.
     */
    private static void localWrites(FlushPlan.TableWork table, LocalCache local, String token, List<Runnable> later) {
        EntityType type = table.type();
        if (token == null) {
            for (EntityState entity : table.inserts()) {
                LocalRows.invalidate(local, type, entity.id());
            }
            for (EntityState entity : table.updates()) {
                LocalRows.invalidate(local, type, entity.id());
            }
            for (EntityState entity : table.deletes()) {
                LocalRows.invalidate(local, type, entity.id());
            }
            return;
        }
        for (EntityState entity : table.inserts()) {
            later.add(writeThroughLater(local, entity, false));
        }
        for (EntityState entity : table.updates()) {
            later.add(writeThroughLater(local, entity, false));
        }
        for (EntityState entity : table.deletes()) {
            later.add(writeThroughLater(local, entity, true));
        }
    }

    /** The write-through of a row of an entity without Redis cache, to run once the stream entries are in. */
    private static Runnable writeThroughLater(LocalCache local, EntityState entity, boolean deleted) {
        EntityType type = entity.type();
        long id = entity.id();
        Object row = deleted ? ContextCache.NOT_FOUND : entity.values().clone();
        return () -> LocalRows.writeThrough(local, type, id, row);
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
    private void raiseIdCounter(Context context, FlushPlan.TableWork table, Map<RedisPool, RowCacheWrites> batches,
            Function<RedisPool, RowCacheWrites> open, boolean clear) {
        long max = 0;
        for (EntityState entity : table.inserts()) {
            if (entity.chosenId()) {
                max = Math.max(max, entity.id());
                if (clear) { // an async flush's entry still carries it, for the consumer to raise the counter too
                    entity.setChosenId(false);
                }
            }
        }
        if (max == 0) {
            return;
        }
        RedisPool pool = IdCounters.poolOrNull(context, table.type());
        if (pool != null) {
            batches.computeIfAbsent(pool, open).raiseIdCounter(table.type(), max);
            if (idsAhead != null) {
                idsAhead.skipTo(pool, table.type(), max);
            }
        }
    }
}
