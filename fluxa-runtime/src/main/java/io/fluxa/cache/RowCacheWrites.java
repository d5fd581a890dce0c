package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The row cache writes of one flush on one Redis pool, sent as they are added and awaited together
 * by {@link #await}: one round-trip per pool. Runs only after MySQL committed.
 */
public final class RowCacheWrites {

    private final RedisPool redis;
    private final RedisAsyncCommands<String, byte[]> async;
    private final List<RedisFuture<?>> futures = new ArrayList<>();
    private final long start = System.nanoTime();

    public RowCacheWrites(RedisPool redis) {
        this.redis = redis;
        this.async = redis.connection().async();
    }

    /** Replaces the cached row with the inserted one and indexes its cached unique values. */
    public void insert(EntityState entity) {
        EntityType type = entity.type();
        String key = RedisRowCache.rowKey(redis, type, entity.id());
        Map<String, byte[]> hash = new HashMap<>(type.columnCount() * 2);
        byte[][] packed = type.codec().packRow(entity.values());
        for (int i = 1; i < type.columnCount(); i++) {
            hash.put(RedisRowCache.FIELDS[i], packed[i]);
        }
        futures.add(async.del(key));
        futures.add(async.hset(key, hash));
        expire(type, key);
        if (type.isSoftDeleted(entity.values())) {
            return;
        }
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).cached()) {
                String field = RedisRowCache.indexField(type, u, entity.values());
                if (field != null) {
                    futures.add(async.hset(RedisRowCache.indexKey(redis, type, u), field,
                            RedisRowCache.idBytes(entity.id())));
                }
            }
        }
    }

    /**
     * Writes only the changed columns into the row's hash. Two flushes that change different
     * columns of one row therefore both land, whatever order they arrive in.
     */
    public void update(EntityState entity, int[] changed) {
        EntityType type = entity.type();
        String key = RedisRowCache.rowKey(redis, type, entity.id());
        Map<String, byte[]> hash = new HashMap<>(changed.length * 2);
        for (int column : changed) {
            hash.put(RedisRowCache.FIELDS[column], type.codec().pack(column, entity.values()[column]));
        }
        futures.add(async.hset(key, hash));
        expire(type, key);
        boolean deletedNow = type.isSoftDeleted(entity.values());
        boolean softDeleteChanged = type.fakeDeleteIndex() >= 0 && contains(changed, type.fakeDeleteIndex());
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (!type.schema().uniqueIndexes().get(u).cached()) {
                continue;
            }
            boolean indexChanged = false;
            for (int column : type.uniqueColumns(u)) {
                indexChanged |= contains(changed, column);
            }
            if (!indexChanged && !softDeleteChanged) {
                continue;
            }
            String indexKey = RedisRowCache.indexKey(redis, type, u);
            String oldField = RedisRowCache.indexField(type, u, entity.loaded());
            String newField = RedisRowCache.indexField(type, u, entity.values());
            if (oldField != null) {
                futures.add(async.hdel(indexKey, oldField));
            }
            if (newField != null && !deletedNow) {
                futures.add(async.hset(indexKey, newField, RedisRowCache.idBytes(entity.id())));
            }
        }
    }

    /** Marks the row as not found and drops its cached unique values. */
    public void delete(EntityState entity) {
        EntityType type = entity.type();
        String key = RedisRowCache.rowKey(redis, type, entity.id());
        futures.add(async.del(key));
        futures.add(async.hset(key, RedisRowCache.NOT_FOUND_FIELD, new byte[] {'1'}));
        expire(type, key);
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).cached()) {
                String field = RedisRowCache.indexField(type, u, entity.loaded());
                if (field != null) {
                    futures.add(async.hdel(RedisRowCache.indexKey(redis, type, u), field));
                }
            }
        }
    }

    /** Moves {@code type}'s id counter past {@code max} (ids the application chose). */
    public void raiseIdCounter(EntityType type, long max) {
        // rare (only for ids the application chose), so the script text is sent rather than its SHA
        futures.add(async.eval(IdCounters.RAISE_COUNTER.text(), ScriptOutputType.INTEGER,
                new String[] {IdCounters.counterKey(redis, type)}, RedisRowCache.idBytes(max)));
    }

    private void expire(EntityType type, String key) {
        if (type.redisTtl() > 0) {
            futures.add(async.expire(key, type.redisTtl()));
        }
    }

    /** Waits for every write. @throws FluxaException when one failed (MySQL already committed) */
    public void await(Context context) {
        QueryLogger log = context.queryLogger();
        try {
            RedisCalls.awaitAll(redis, futures);
            if (log.enabled(QuerySource.REDIS)) {
                log.log(QuerySource.REDIS, redis.code(), "PIPELINE", "PIPELINE x" + futures.size(), start, false,
                        null);
            }
        } catch (RuntimeException e) {
            if (log.enabled(QuerySource.REDIS)) {
                log.log(QuerySource.REDIS, redis.code(), "PIPELINE", "PIPELINE x" + futures.size(), start, false, e);
            }
            throw new FluxaException("flush committed to MySQL, but updating the Redis cache on pool "
                    + redis.code() + " failed; cached rows may be stale until they expire: " + e.getMessage(), e);
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
