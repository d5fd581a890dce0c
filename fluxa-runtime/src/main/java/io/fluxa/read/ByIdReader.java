package io.fluxa.read;

import io.fluxa.Context;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalRows;
import io.fluxa.cache.RedisRowCache;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads entities by id through the tiers: context cache → local cache → Redis → MySQL. Every tier
 * that missed is filled on the way back, "not found" included; a batch touches each tier once.
 */
public final class ByIdReader {

    /** Ids per {@code IN (…)} query: far below MySQL's 65 535 placeholders. */
    private static final int MAX_IDS_PER_QUERY = 10_000;

    private ByIdReader() {
    }

    /** The entity with this id, or null. */
    public static Object getById(Context context, EntityType type, long id) {
        if (id <= 0) {
            return null;
        }
        Object cached = context.contextCache().get(type.table(), id);
        if (cached != null) {
            return cached == ContextCache.NOT_FOUND ? null : cached; // the hot path: nothing allocated
        }
        if (type.localPool() != null) {
            LocalCache local = LocalRows.of(context, type);
            QueryLogger log = context.queryLogger();
            boolean logging = log.enabled(QuerySource.LOCAL_CACHE);
            long start = logging ? System.nanoTime() : 0;
            Object row = LocalRows.get(local, type, id);
            if (row != null) {
                if (logging) {
                    log.log(QuerySource.LOCAL_CACHE, local.code(), "GET", "GET " + type.table() + " x1", start, false,
                            null);
                }
                if (row == ContextCache.NOT_FOUND) {
                    ContextRows.rememberNotFound(context, type, id);
                    return null;
                }
                return ContextRows.remember(context, type, id, (Object[]) row);
            }
        }
        List<Object> found = getByIds(context, type, new long[] {id});
        return found.isEmpty() ? null : found.get(0);
    }

    /** The entities with these ids, in input order; missing ids are skipped and duplicates collapsed. */
    public static List<Object> getByIds(Context context, EntityType type, long[] ids) {
        if (ids.length == 0) {
            return List.of();
        }
        LinkedHashSet<Long> unique = new LinkedHashSet<>();
        for (long id : ids) {
            if (id > 0) {
                unique.add(id);
            }
        }
        Map<Long, Object> found = load(context, type, unique);
        List<Object> result = new ArrayList<>(found.size());
        for (Long id : unique) {
            Object entity = found.get(id);
            if (entity != null) {
                result.add(entity);
            }
        }
        return result;
    }

    /** Resolves ids through every tier, filling the tiers that missed. Absent ids are not in the map. */
    static Map<Long, Object> load(Context context, EntityType type, Set<Long> ids) {
        Map<Long, Object> found = new HashMap<>(ids.size() * 2);
        ContextCache contextCache = context.contextCache();
        List<Long> missing = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Object cached = contextCache.get(type.table(), id);
            if (cached == null) {
                missing.add(id);
            } else if (cached != ContextCache.NOT_FOUND) {
                found.put(id, cached);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        LocalCache local = LocalRows.of(context, type);
        // taken before any tier is read: a row loaded before another node's invalidation never lands after it
        long fillToken = local == null ? 0 : LocalRows.fillToken(local);
        if (local != null) {
            missing = readLocal(context, type, local, missing, found);
            if (missing.isEmpty()) {
                return found;
            }
        }
        RedisPool redis = type.redisPool() == null ? null : context.engine().redis(type.redisPool());
        if (redis != null) {
            missing = readRedis(context, type, redis, local, fillToken, missing, found);
            if (missing.isEmpty()) {
                return found;
            }
        }
        readMySql(context, type, redis, local, fillToken, missing, found);
        return found;
    }

    private static List<Long> readLocal(Context context, EntityType type, LocalCache local, List<Long> ids,
            Map<Long, Object> found) {
        QueryLogger log = context.queryLogger();
        boolean logging = log.enabled(QuerySource.LOCAL_CACHE);
        long start = logging ? System.nanoTime() : 0;
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            Object cached = LocalRows.get(local, type, id);
            if (cached == null) {
                missing.add(id);
            } else if (cached == ContextCache.NOT_FOUND) {
                ContextRows.rememberNotFound(context, type, id);
            } else {
                found.put(id, ContextRows.remember(context, type, id, (Object[]) cached));
            }
        }
        if (logging) {
            log.log(QuerySource.LOCAL_CACHE, local.code(), "GET", "GET " + type.table() + " x" + ids.size(), start,
                    !missing.isEmpty(), null);
        }
        return missing;
    }

    private static List<Long> readRedis(Context context, EntityType type, RedisPool redis, LocalCache local,
            long fillToken, List<Long> ids, Map<Long, Object> found) {
        Object[] answers = RedisRowCache.read(context, redis, type, ids);
        List<Long> missing = new ArrayList<>();
        for (int i = 0; i < answers.length; i++) {
            Long id = ids.get(i);
            Object answer = answers[i];
            if (answer == null) {
                missing.add(id);
                continue;
            }
            if (local != null) {
                LocalRows.fill(local, type, id, answer, fillToken);
            }
            if (answer == ContextCache.NOT_FOUND) {
                ContextRows.rememberNotFound(context, type, id);
            } else {
                found.put(id, ContextRows.remember(context, type, id, (Object[]) answer));
            }
        }
        return missing;
    }

    private static void readMySql(Context context, EntityType type, RedisPool redis, LocalCache local,
            long fillToken, List<Long> ids, Map<Long, Object> found) {
        Map<Long, Object[]> byId = new HashMap<>(ids.size() * 2);
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY));
            for (Object[] row : RowQueries.rows(context, type, type.whereIdIn(type.selectSql(), chunk.size()), chunk)) {
                byId.put((Long) row[0], row);
            }
        }
        Object[][] rows = new Object[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            Object[] row = byId.get(id);
            rows[i] = row;
            if (row == null) {
                ContextRows.rememberNotFound(context, type, id);
                if (local != null) {
                    LocalRows.fill(local, type, id, ContextCache.NOT_FOUND, fillToken);
                }
            } else {
                if (local != null) {
                    LocalRows.fill(local, type, id, row, fillToken);
                }
                found.put(id, ContextRows.remember(context, type, id, row));
            }
        }
        if (redis != null) {
            RedisRowCache.fill(context, redis, type, ids, rows);
        }
    }
}
