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
import io.fluxa.row.RowQueries;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the native search indexes in line with what a flush committed. The index writes are worked
 * out before the SQL runs (while the entities still hold the values MySQL had, needed to see a soft
 * delete or restore) and sent once every pool committed: one script call per entity, queued on the
 * flush's shared pipelines, so they travel in the same round trip as the cache update. A failed flush
 * sends nothing. Writes Redis did not take are repaired later (see {@link #confirm}).
 */
public final class SearchIndexStep implements PostCommitStep {

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexStep.class);

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
            collect(table, rows, false);
        }
        return writes;
    }

    /** @param repair whole rows only (updates too): a repair may run after later writes were lost as well */
    private static void collect(FlushPlan.TableWork table, RowWrites rows, boolean repair) {
        EntityType type = table.type();
        for (EntityState entity : table.inserts()) {
            if (!type.isSoftDeleted(entity.values())) {
                rows.full(entity.values());
            } else if (repair) {
                rows.delete(entity.id());
            }
        }
        for (int i = 0; i < table.updates().size(); i++) {
            EntityState entity = table.updates().get(i);
            boolean wasLive = !type.isSoftDeleted(entity.loaded());
            boolean isLive = !type.isSoftDeleted(entity.values());
            if (repair) {
                if (isLive) {
                    rows.full(entity.values());
                } else {
                    rows.delete(entity.id());
                }
            } else if (wasLive && isLive) {
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
    public Runnable afterCommit(Context context, FlushPlan plan, Object prepared, PostCommitWrites writes) {
        Map<SearchIndex, Sent> sent = send(context, prepared, writes);
        return sent.isEmpty() ? null : () -> confirm(context, plan, sent);
    }

    /**
     * Immediate async flush: the same index writes a flush would send after its commit, queued ahead of
     * the stream entries. Writes Redis does not take are not repaired here: the consumer sends them again
     * once it applied the entry (and {@link #restore} runs when the entry did not reach the stream).
     */
    @Override
    public Runnable writeThrough(Context context, FlushPlan plan, PostCommitWrites writes) {
        send(context, prepare(context, plan), writes);
        return null;
    }

    /**
     * Re-indexes the plan's rows as MySQL holds them now (whole rows, or removals for rows MySQL does not
     * have or has soft-deleted), one script call per entity and {@value SearchReindexer#BATCH} rows;
     * writes Redis does not take are queued for repair.
     */
    @Override
    public void restore(Context context, FlushPlan plan) {
        Map<SearchIndex, Set<Long>> idsByIndex = new LinkedHashMap<>();
        for (FlushPlan.TableWork table : plan.tables()) {
            SearchIndex index = SearchIndex.ofOrNull(table.type());
            if (index == null) {
                continue;
            }
            Set<Long> ids = idsByIndex.computeIfAbsent(index, i -> new LinkedHashSet<>());
            for (List<EntityState> states : List.of(table.inserts(), table.updates(), table.deletes())) {
                states.forEach(state -> ids.add(state.id()));
            }
        }
        for (Map.Entry<SearchIndex, Set<Long>> entry : idsByIndex.entrySet()) {
            SearchIndex index = entry.getKey();
            EntityType type = index.type();
            RedisPool pool = index.pool(context);
            List<Long> ids = new ArrayList<>(entry.getValue());
            for (int from = 0; from < ids.size(); from += SearchReindexer.BATCH) {
                List<Long> batch = ids.subList(from, Math.min(ids.size(), from + SearchReindexer.BATCH));
                RowWrites rows = RowWrites.asStored(index, batch,
                        RowQueries.rows(context, type, type.whereIdIn(type.selectSql(), batch.size()), batch));
                try {
                    pool.eval(IndexScripts.MAINTAIN, List.of(index.metaKey(pool), index.lockKey(pool)),
                            maintainArgs(index, pool, rows));
                } catch (RuntimeException e) {
                    queueRepairs(index, pool, rows);
                    LOG.warn("Redis pool '{}' did not take the search index rows of {} restored from MySQL ({}); {} "
                            + "row(s) are re-indexed once Redis is back", pool.code(), type.entityName(),
                            e.getMessage(), rows.rows());
                }
            }
        }
    }

    /** Queues the prepared index writes on {@code writes}: one script call per entity. */
    @SuppressWarnings("unchecked")
    private static Map<SearchIndex, Sent> send(Context context, Object prepared, PostCommitWrites writes) {
        Map<SearchIndex, Sent> sent = new LinkedHashMap<>();
        if (prepared == null) {
            return sent;
        }
        for (Map.Entry<SearchIndex, RowWrites> entry : ((Map<SearchIndex, RowWrites>) prepared).entrySet()) {
            RowWrites rows = entry.getValue();
            if (rows.isEmpty()) {
                continue;
            }
            SearchIndex index = entry.getKey();
            RedisPool pool = index.pool(context);
            // repairs already waiting may hold older whole rows of these ids: queue ours after them too
            boolean behindRepairs = pool.cacheRepairs().pending() > 0;
            PipelineResult<Object> result = writes.pipeline(pool).eval(IndexScripts.MAINTAIN,
                    List.of(index.metaKey(pool), index.lockKey(pool)), maintainArgs(index, pool, rows));
            sent.put(index, new Sent(result, behindRepairs));
        }
        return sent;
    }

    /** The index writes of one flush for one entity, and whether repairs were waiting when they were sent. */
    private record Sent(PipelineResult<Object> result, boolean behindRepairs) {
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

    /**
     * When Redis did not take an index's writes (MySQL already committed), each written row is queued
     * in the pool's {@link io.fluxa.redis.CacheRepairs} as a whole-row write (or a removal), sent once
     * Redis is back; until then this process answers the pool's searches from MySQL. The flush succeeds.
     * Rows written while repairs were waiting are queued as well, replacing an older queued write of
     * the same row, so a late repair can never put back an older row over this flush's.
     */
    private static void confirm(Context context, FlushPlan plan, Map<SearchIndex, Sent> sent) {
        for (Map.Entry<SearchIndex, Sent> entry : sent.entrySet()) {
            PipelineResult<Object> result = entry.getValue().result();
            String failure = null;
            if (result.failed()) {
                try {
                    result.get();
                } catch (FluxaException e) {
                    failure = e.getMessage();
                }
            }
            if (failure == null && !entry.getValue().behindRepairs()) {
                continue;
            }
            SearchIndex index = entry.getKey();
            RedisPool pool = index.pool(context);
            RowWrites all = new RowWrites(index);
            for (FlushPlan.TableWork table : plan.tables()) {
                if (table.type() == index.type()) {
                    collect(table, all, true);
                }
            }
            queueRepairs(index, pool, all);
            if (failure != null) {
                LOG.warn("flush committed to MySQL, but Redis pool '{}' did not take the search index writes of {} "
                        + "({}); {} row(s) are re-indexed once Redis is back, and this application searches {} in "
                        + "MySQL until then", pool.code(), index.type().entityName(), failure, all.rows(),
                        index.type().entityName());
            }
        }
    }

    /** Queues each of {@code all}'s row writes (whole rows or removals) for repair, one per row. */
    private static void queueRepairs(SearchIndex index, RedisPool pool, RowWrites all) {
        List<String> keys = List.of(index.metaKey(pool), index.lockKey(pool));
        for (RowWrites row : all.split()) {
            String[] args = maintainArgs(index, pool, row);
            byte[][] bytes = new byte[args.length][];
            for (int i = 0; i < args.length; i++) {
                bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
            }
            pool.cacheRepairs().add(index.base(pool) + row.ids().get(0), keys, IndexScripts.MAINTAIN, bytes, () -> { });
        }
    }
}
