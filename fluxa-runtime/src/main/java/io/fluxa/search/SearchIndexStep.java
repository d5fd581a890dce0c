package io.fluxa.search;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.flush.FlushPlan;
import io.fluxa.flush.PostCommitStep;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the native search indexes in line with what a flush committed. The index writes are worked
 * out before the SQL runs (while the entities still hold the values MySQL had, needed to see a soft
 * delete or restore) and sent once every pool committed: one script call per entity, pipelined in one
 * round trip per Redis pool, after the cache update's own round trip. A failed flush sends nothing.
 */
public final class SearchIndexStep implements PostCommitStep {

    @Override
    public Object prepare(Context context, FlushPlan plan) {
        Map<SearchIndex, RowWrites> writes = null;
        for (FlushPlan.TableWork table : plan.tables()) {
            SearchIndex index = SearchIndex.ofOrNull(table.type());
            if (index == null) {
                continue;
            }
            if (writes == null) {
                writes = new LinkedHashMap<>();
            }
            RowWrites rows = writes.computeIfAbsent(index, RowWrites::new);
            collect(table, rows);
        }
        return writes;
    }

    private static void collect(FlushPlan.TableWork table, RowWrites rows) {
        EntityType type = table.type();
        for (EntityState entity : table.inserts()) {
            if (!type.isSoftDeleted(entity.values())) {
                rows.full(entity.values());
            }
        }
        for (int i = 0; i < table.updates().size(); i++) {
            EntityState entity = table.updates().get(i);
            boolean wasLive = !type.isSoftDeleted(entity.loaded());
            boolean isLive = !type.isSoftDeleted(entity.values());
            if (wasLive && isLive) {
                rows.partial(entity.values(), table.updatedColumns(i));
            } else if (isLive) {
                rows.full(entity.values()); // restored
            } else if (wasLive) {
                rows.delete(entity.id()); // soft-deleted
            }
        }
        for (EntityState entity : table.deletes()) {
            rows.delete(entity.id());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterCommit(Context context, FlushPlan plan, Object prepared) {
        if (prepared == null) {
            return;
        }
        Map<RedisPool, RedisPipeline> pipelines = new IdentityHashMap<>();
        for (Map.Entry<SearchIndex, RowWrites> entry : ((Map<SearchIndex, RowWrites>) prepared).entrySet()) {
            RowWrites rows = entry.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            SearchIndex index = entry.getKey();
            RedisPool pool = index.pool(context);
            RedisPipeline pipeline = pipelines.computeIfAbsent(pool, p -> p.withQueryLogger(QueryLogger.NONE).pipeline());
            pipeline.eval(IndexScripts.MAINTAIN, List.of(index.metaKey(pool), index.lockKey(pool)),
                    maintainArgs(index, pool, rows));
        }
        for (Map.Entry<RedisPool, RedisPipeline> entry : pipelines.entrySet()) {
            send(context, entry.getKey(), entry.getValue());
        }
    }

    private static String[] maintainArgs(SearchIndex index, RedisPool pool, RowWrites rows) {
        List<String> args = new ArrayList<>(4 + rows.rows() + rows.args().size());
        args.add(index.base(pool));
        args.add(index.stamp());
        args.add(Integer.toString(index.columns().size()));
        args.add(Integer.toString(rows.rows()));
        args.addAll(rows.ids());
        args.addAll(rows.args());
        return args.toArray(String[]::new);
    }

    private static void send(Context context, RedisPool pool, RedisPipeline pipeline) {
        QueryLogger log = context.queryLogger();
        boolean logging = log.enabled(QuerySource.REDIS);
        long start = logging ? System.nanoTime() : 0;
        String text = "PIPELINE search-index-update x" + pipeline.size();
        try {
            pipeline.exec();
            if (logging) {
                log.log(QuerySource.REDIS, pool.code(), "PIPELINE", text, start, false, null);
            }
        } catch (RuntimeException e) {
            if (logging) {
                log.log(QuerySource.REDIS, pool.code(), "PIPELINE", text, start, false, e);
            }
            throw new FluxaException("flush committed to MySQL, but updating the Redis search index on pool "
                    + pool.code() + " failed; searches may miss the change until the index is rebuilt "
                    + "(reindex): " + e.getMessage(), e);
        }
    }
}
