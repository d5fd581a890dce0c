package io.fluxa.read;

import io.fluxa.Context;
import io.fluxa.PoolUnavailableException;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalRows;
import io.fluxa.cache.RedisRowCache;
import io.fluxa.cache.RowGenerations;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.CacheRepairs;
import io.fluxa.redis.RedisPool;
import io.fluxa.redis.SingleFlight;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowQueries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
        LocalCache local = null;
        if (type.localPool() != null) {
            local = LocalRows.of(context, type);
            QueryLogger log = context.queryLogger();
            boolean logging = log.enabled(QuerySource.LOCAL_CACHE);
            long start = logging ? System.nanoTime() : 0;
            Object row = LocalRows.get(local, type, id);
            if (logging) {
                log.log(QuerySource.LOCAL_CACHE, local.code(), "GET", "GET " + type.table() + " x1", start,
                        row == null, null);
            }
            if (row == ContextCache.NOT_FOUND) {
                ContextRows.rememberNotFound(context, type, id);
                return null;
            }
            if (row != null) {
                return ContextRows.remember(context, type, id, (Object[]) row);
            }
        }
        return loadSingle(context, type, local, id);
    }

    /**
     * {@link #load} for one id that missed the context and local caches: the same tiers, fills and
     * fallbacks, without the sets, maps and lists a batch needs.
     */
    private static Object loadSingle(Context context, EntityType type, LocalCache local, long id) {
        // noted before Redis and MySQL are read: a flush that finishes after this undoes our fills
        long generation = RowGenerations.current(type, id);
        // null while the pool's circuit breaker is open: MySQL answers, nothing is filled
        RedisPool redis = RedisFallback.usable(context, type);
        byte[][] redisGeneration = null;
        if (redis != null && repaired(redis)) {
            byte[][] noted = new byte[1][];
            Object answer;
            try {
                answer = RedisRowCache.readOne(context, redis, type, id, noted);
                redisGeneration = noted;
            } catch (PoolUnavailableException e) {
                RedisFallback.fellBack(redis, e); // Redis unavailable: MySQL answers, nothing is filled
                answer = null;
            }
            if (answer != null) {
                if (local != null) {
                    LocalRows.fill(local, type, id, answer, generation);
                }
                if (answer == ContextCache.NOT_FOUND) {
                    ContextRows.rememberNotFound(context, type, id);
                    return null;
                }
                return ContextRows.remember(context, type, id, (Object[]) answer);
            }
        }
        if (redisGeneration == null) {
            redis = null; // no Redis cache, breaker open, a failed read, or repairs pending: nothing is filled
        }
        Object[] row = loadRow(context, type, redis, local, id, generation, redisGeneration);
        if (row == null) {
            ContextRows.rememberNotFound(context, type, id);
            return null;
        }
        return ContextRows.remember(context, type, id, row);
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
        if (local != null) {
            missing = readLocal(context, type, local, missing, found);
            if (missing.isEmpty()) {
                return found;
            }
        }
        // noted before Redis and MySQL are read: a flush that finishes after this undoes our fills
        long[] generations = new long[missing.size()];
        for (int i = 0; i < generations.length; i++) {
            generations[i] = RowGenerations.current(type, missing.get(i));
        }
        // null while the pool's circuit breaker is open: MySQL answers, nothing is filled
        RedisPool redis = RedisFallback.usable(context, type);
        byte[][] redisGenerations = null;
        Object[] answers = null;
        if (redis != null && repaired(redis)) {
            redisGenerations = new byte[missing.size()][];
            try {
                answers = RedisRowCache.read(context, redis, type, missing, redisGenerations);
            } catch (PoolUnavailableException e) {
                RedisFallback.fellBack(redis, e); // Redis unavailable: MySQL answers, nothing is filled
            }
        }
        if (answers != null) {
            int kept = 0;
            for (int i = 0; i < answers.length; i++) {
                Long id = missing.get(i);
                Object answer = answers[i];
                if (answer == null) {
                    missing.set(kept, id);
                    generations[kept] = generations[i];
                    redisGenerations[kept] = redisGenerations[i];
                    kept++;
                    continue;
                }
                if (local != null) {
                    LocalRows.fill(local, type, id, answer, generations[i]);
                }
                if (answer == ContextCache.NOT_FOUND) {
                    ContextRows.rememberNotFound(context, type, id);
                } else {
                    found.put(id, ContextRows.remember(context, type, id, (Object[]) answer));
                }
            }
            if (kept == 0) {
                return found;
            }
            missing = missing.subList(0, kept);
        } else {
            // no Redis cache, breaker open, a failed read, or repairs pending and Redis still unreachable:
            // MySQL answers, nothing is filled
            redis = null;
            redisGenerations = null;
        }
        readMySql(context, type, redis, local, missing, generations, redisGenerations, found);
        return found;
    }

    /**
     * False while cache writes of earlier flushes are still waiting for this pool: its rows may be
     * older than MySQL, so the read skips it. Never waits for Redis: the repair runs in the background
     * ({@link CacheRepairs#tryRepairNow()} asks for it at once).
     */
    private static boolean repaired(RedisPool redis) {
        return redis.cacheRepairs().tryRepairNow();
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

    private static void readMySql(Context context, EntityType type, RedisPool redis, LocalCache local, List<Long> ids,
            long[] generations, byte[][] redisGenerations, Map<Long, Object> found) {
        Object[][] rows;
        if (ids.size() == 1) {
            rows = new Object[][] {loadRow(context, type, redis, local, ids.get(0), generations[0], redisGenerations)};
        } else {
            rows = query(context, type, ids);
            fill(context, type, redis, local, ids, rows, generations, redisGenerations);
        }
        for (int i = 0; i < ids.size(); i++) {
            Long id = ids.get(i);
            if (rows[i] == null) {
                ContextRows.rememberNotFound(context, type, id);
            } else {
                found.put(id, ContextRows.remember(context, type, id, rows[i]));
            }
        }
    }

    /** One row from MySQL (or null): concurrent misses of it share one query (same engine and generation). */
    private static Object[] loadRow(Context context, EntityType type, RedisPool redis, LocalCache local, long id,
            long generation, byte[][] redisGenerations) {
        Load load = new Load(context.engine(), type, id, generation);
        return (Object[]) LOADS.run(load, () -> loadOne(context, type, redis, local, load, redisGenerations));
    }

    /**
     * One row (or null), read and cached by the first of the threads missing it at once. A thread that
     * missed the caches just before the previous load of the same generation filled them, and came
     * here just after that load ended, asks the caches again before MySQL: what that load filled
     * answers it (Redis keeps a connection's commands in order, so the fill sent before is seen).
     */
    private static Object[] loadOne(Context context, EntityType type, RedisPool redis, LocalCache local, Load load,
            byte[][] redisGenerations) {
        long id = load.id();
        List<Long> ids = List.of(id);
        int slot = (load.hashCode() & Integer.MAX_VALUE) % RECENT_LOADS.length();
        if (load.equals(RECENT_LOADS.get(slot))) {
            Object cached = local == null ? null : LocalRows.get(local, type, id);
            if (cached == null && redis != null && redisGenerations != null) {
                try {
                    cached = RedisRowCache.readOne(context, redis, type, id, redisGenerations);
                } catch (PoolUnavailableException e) {
                    RedisFallback.fellBack(redis, e);
                }
                if (cached != null && local != null) {
                    LocalRows.fill(local, type, id, cached, load.generation());
                }
            }
            if (cached != null) {
                return cached == ContextCache.NOT_FOUND ? null : (Object[]) cached;
            }
        }
        Object[][] rows = query(context, type, ids);
        fill(context, type, redis, local, ids, rows, new long[] {load.generation()}, redisGenerations);
        RECENT_LOADS.set(slot, load); // after the fills were sent, before the waiting threads are let go
        return rows[0];
    }

    /** The rows of {@code ids} from MySQL, aligned with them (null = no such row). */
    private static Object[][] query(Context context, EntityType type, List<Long> ids) {
        Map<Long, Object[]> byId = new HashMap<>(ids.size() * 2);
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY));
            for (Object[] row : RowQueries.rows(context, type, type.whereIdIn(type.selectSql(), chunk.size()), chunk)) {
                byId.put((Long) row[0], row);
            }
        }
        Object[][] rows = new Object[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            rows[i] = byId.get(ids.get(i));
        }
        return rows;
    }

    private static void fill(Context context, EntityType type, RedisPool redis, LocalCache local, List<Long> ids,
            Object[][] rows, long[] generations, byte[][] redisGenerations) {
        if (local != null) {
            for (int i = 0; i < ids.size(); i++) {
                LocalRows.fill(local, type, ids.get(i), rows[i] == null ? ContextCache.NOT_FOUND : rows[i],
                        generations[i]);
            }
        }
        if (redis != null && redisGenerations != null && redis.isAvailable()) {
            try {
                RedisRowCache.fill(context, redis, type, ids, rows, redisGenerations);
            } catch (PoolUnavailableException e) {
                RedisFallback.fellBack(redis, e); // the fill is lost: the next read misses Redis again
            }
        }
    }

    /** The MySQL loads of single rows running in this process. */
    private static final SingleFlight LOADS = new SingleFlight();
    /** The last single-row loads that finished, by hash: a hint to ask the caches again (never an answer). */
    private static final AtomicReferenceArray<Load> RECENT_LOADS = new AtomicReferenceArray<>(256);

    /** One row of one engine as of one generation (engines and types compare by identity). */
    private record Load(Object engine, EntityType type, long id, long generation) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Load l && l.engine == engine && l.type == type && l.id == id
                    && l.generation == generation;
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(type) * 31 + Long.hashCode(id)) * 31 + Long.hashCode(generation);
        }
    }
}
