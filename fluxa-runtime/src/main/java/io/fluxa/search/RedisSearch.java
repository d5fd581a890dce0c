package io.fluxa.search;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Pager;
import io.fluxa.SearchResult;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Redis search over the native index of an entity's {@code @Searchable} columns (plain Redis ≥ 6.2,
 * no query-engine module). One script call per query answers the page of ids and the total. The
 * provider façade ({@code redisSearch…} methods on every generated provider) calls this; entities
 * are then read with {@code getByIds}, so the cache tiers serve them.
 */
public final class RedisSearch {

    private static final Logger LOG = LoggerFactory.getLogger("io.fluxa.search");

    private RedisSearch() {
    }

    /** True when {@code type} has {@code @Searchable} columns, i.e. a Redis search index. */
    public static boolean searchable(EntityType type) {
        return type.schema().searchable();
    }

    /**
     * The ids matching {@code where} on the page, and the number of all matching rows.
     *
     * @param where the condition and sort; null means every row in id order
     * @param pager the page; null means every matching id
     */
    public static SearchResult<Long> searchIds(Context context, EntityType type, RedisSearchWhere where, Pager pager) {
        return searchIds(context, type, where, pager == null ? 0 : pager.offset(), pager == null ? -1 : pager.size());
    }

    private static SearchResult<Long> searchIds(Context context, EntityType type, RedisSearchWhere where, long offset,
            long limit) {
        SearchIndex index = SearchIndex.of(type);
        List<String> query = QueryCompiler.compile(index, where, offset, limit); // checks it, also for MySQL
        RedisPool pool = index.pool(context);
        // breaker open, or index writes of committed flushes still waiting for Redis: MySQL answers
        if (!pool.isAvailable() || !pool.cacheRepairs().tryRepairNow()) {
            return fallBack(context, index, where, offset, limit, pool, null);
        }
        try {
            return fromRedis(context, index, query);
        } catch (PoolUnavailableException e) {
            return fallBack(context, index, where, offset, limit, pool, e);
        }
    }

    private static SearchResult<Long> fallBack(Context context, SearchIndex index, RedisSearchWhere where, long offset,
            long limit, RedisPool pool, PoolUnavailableException failure) {
        pool.circuitBreaker().recordFallback();
        if (failure != null) {
            LOG.debug("Redis pool '{}' unavailable, searching {} in MySQL instead: {}", pool.code(),
                    index.type().entityName(), failure.getMessage());
        }
        return MySqlSearch.searchIds(context, index, where, offset, limit);
    }

    private static SearchResult<Long> fromRedis(Context context, SearchIndex index, List<String> query) {
        EntityType type = index.type();
        List<?> reply = run(context, index, query);
        if ((Long) reply.get(0) < 0) {
            SearchReindexer.ensureBuilt(context, index);
            reply = run(context, index, query);
            if ((Long) reply.get(0) < 0) {
                throw new FluxaException(type.entityName() + ": the Redis search index was rebuilt but is not "
                        + "active for this definition (another instance with a different definition may have "
                        + "rebuilt it); check that every instance runs the same entity definitions");
            }
        }
        List<Long> ids = new ArrayList<>(reply.size() - 1);
        for (int i = 1; i < reply.size(); i++) {
            ids.add(Long.parseLong((String) reply.get(i)));
        }
        return new SearchResult<>(ids, (Long) reply.get(0));
    }

    /** The number of rows matching {@code where}. */
    public static long count(Context context, EntityType type, RedisSearchWhere where) {
        return searchIds(context, type, where, 0, 0).total();
    }

    /**
     * Rebuilds the index of {@code type} from MySQL (in batches of 1000 rows, beside the active index,
     * which keeps serving until the switch). Progress is logged on {@code io.fluxa.search}.
     *
     * @return the number of rows indexed
     * @throws FluxaException when {@code type} has no searchable column, or another rebuild is running
     */
    public static long reindex(Engine engine, EntityType type) {
        return SearchReindexer.reindex(engine, type);
    }

    /**
     * The progress of the running or last rebuild of the entity named {@code entityName} in this JVM
     * (rows indexed so far, rebuilds completed); {@link ReindexProgress#none} when there was none.
     */
    public static ReindexProgress reindexProgress(String entityName) {
        return SearchReindexer.progress(entityName);
    }

    private static List<?> run(Context context, SearchIndex index, List<String> query) {
        RedisPool pool = index.pool(context);
        List<String> args = new ArrayList<>(query.size() + 3);
        args.add(index.base(pool));
        args.add(index.stamp());
        args.add(UUID.randomUUID().toString());
        args.addAll(query);
        return (List<?>) pool.eval(IndexScripts.QUERY, List.of(index.metaKey(pool)), args.toArray(String[]::new));
    }
}
