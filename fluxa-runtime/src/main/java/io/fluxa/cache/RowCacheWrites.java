package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The row cache writes of one flush on one Redis pool, queued in one pipeline and sent by
 * {@link #await} in one write: one round-trip per pool. Runs only after MySQL committed.
 */
public final class RowCacheWrites {

    private final RedisPool redis;
    private final RedisPipeline pipeline;
    private int commands;

    public RowCacheWrites(RedisPool redis) {
        this.redis = redis;
        this.pipeline = RedisRowCache.quiet(redis).pipeline();
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
        pipeline.del(key);
        commands++;
        pipeline.hSetBytes(key, hash);
        commands++;
        expire(type, key);
        if (type.isSoftDeleted(entity.values())) {
            return;
        }
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).cached()) {
                String field = RedisRowCache.indexField(type, u, entity.values());
                if (field != null) {
                    pipeline.hSet(RedisRowCache.indexKey(redis, type, u), field, RedisRowCache.idBytes(entity.id()));
                    commands++;
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
        pipeline.hSetBytes(key, hash);
        commands++;
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
                pipeline.hDel(indexKey, oldField);
                commands++;
            }
            if (newField != null && !deletedNow) {
                pipeline.hSet(indexKey, newField, RedisRowCache.idBytes(entity.id()));
                commands++;
            }
        }
    }

    /** Marks the row as not found and drops its cached unique values. */
    public void delete(EntityState entity) {
        EntityType type = entity.type();
        String key = RedisRowCache.rowKey(redis, type, entity.id());
        pipeline.del(key);
        commands++;
        pipeline.hSet(key, RedisRowCache.NOT_FOUND_FIELD, new byte[] {'1'});
        commands++;
        expire(type, key);
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).cached()) {
                String field = RedisRowCache.indexField(type, u, entity.loaded());
                if (field != null) {
                    pipeline.hDel(RedisRowCache.indexKey(redis, type, u), field);
                    commands++;
                }
            }
        }
    }

    /** Moves {@code type}'s id counter past {@code max} (ids the application chose). */
    public void raiseIdCounter(EntityType type, long max) {
        pipeline.eval(IdCounters.RAISE_COUNTER, List.of(IdCounters.counterKey(redis, type)), RedisRowCache.idBytes(max));
        commands++;
    }

    private void expire(EntityType type, String key) {
        if (type.redisTtl() > 0) {
            pipeline.expire(key, Duration.ofSeconds(type.redisTtl()));
            commands++;
        }
    }

    /** Waits for every write. @throws FluxaException when one failed (MySQL already committed) */
    public void await(Context context) {
        if (commands == 0) {
            return;
        }
        QueryLogger log = context.queryLogger();
        boolean logging = log.enabled(QuerySource.REDIS);
        long start = logging ? System.nanoTime() : 0;
        try {
            pipeline.exec();
            if (logging) {
                log.log(QuerySource.REDIS, redis.code(), "PIPELINE", "PIPELINE x" + commands, start, false, null);
            }
        } catch (RuntimeException e) {
            if (logging) {
                log.log(QuerySource.REDIS, redis.code(), "PIPELINE", "PIPELINE x" + commands, start, false, e);
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
