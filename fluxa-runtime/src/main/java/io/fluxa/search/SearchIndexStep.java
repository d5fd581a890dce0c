package io.fluxa.search;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.flush.FlushPlan;
import io.fluxa.flush.PostCommitStep;
import io.fluxa.flush.PostCommitWrites;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the native search indexes in line with what a flush committed. The index writes are worked
 * out before the SQL runs (while the entities still hold the values MySQL had, needed to see a soft
 * delete or restore) and sent once every pool committed: one script call per entity, queued on the
 * flush's shared pipelines, so they travel in the same round trip as the cache update. A failed flush
 * sends nothing.
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
    public Runnable afterCommit(Context context, FlushPlan plan, Object prepared, PostCommitWrites writes) {
        if (prepared == null) {
            return null;
        }
        Map<String, PipelineResult<Object>> sent = new LinkedHashMap<>();
        for (Map.Entry<SearchIndex, RowWrites> entry : ((Map<SearchIndex, RowWrites>) prepared).entrySet()) {
            RowWrites rows = entry.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            SearchIndex index = entry.getKey();
            RedisPool pool = index.pool(context);
            PipelineResult<Object> result = writes.pipeline(pool).eval(IndexScripts.MAINTAIN,
                    List.of(index.metaKey(pool), index.lockKey(pool)), maintainArgs(index, pool, rows));
            sent.put(pool.code() + " for " + index.type().entityName(), result);
        }
        return sent.isEmpty() ? null : () -> confirm(sent);
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

    private static void confirm(Map<String, PipelineResult<Object>> sent) {
        for (Map.Entry<String, PipelineResult<Object>> entry : sent.entrySet()) {
            if (entry.getValue().failed()) {
                try {
                    entry.getValue().get();
                } catch (FluxaException e) {
                    throw new FluxaException("flush committed to MySQL, but updating the Redis search index on pool "
                            + entry.getKey() + " failed; searches may miss the change until the index is rebuilt "
                            + "(reindex): " + e.getMessage(), e);
                }
            }
        }
    }
}
