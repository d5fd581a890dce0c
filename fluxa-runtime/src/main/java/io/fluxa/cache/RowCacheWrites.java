package io.fluxa.cache;

import io.fluxa.FluxaException;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The row cache writes of one flush on one Redis pool, queued on a pipeline the caller sends (the
 * flush's shared post-commit pipeline: one round trip per pool) and checked by {@link #confirm}. Runs
 * only after MySQL committed.
 */
public final class RowCacheWrites {

    private final RedisPool redis;
    private final RedisPipeline pipeline;
    private final List<PipelineResult<?>> results = new ArrayList<>();

    /** Writes to {@code redis}, queued on {@code pipeline} (a pipeline to that pool). */
    public RowCacheWrites(RedisPool redis, RedisPipeline pipeline) {
        this.redis = redis;
        this.pipeline = pipeline;
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
        results.add(pipeline.del(key));
        results.add(pipeline.hSetBytes(key, hash));
        expire(type, key);
        if (type.isSoftDeleted(entity.values())) {
            return;
        }
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).cached()) {
                String field = RedisRowCache.indexField(type, u, entity.values());
                if (field != null) {
                    results.add(pipeline.hSet(RedisRowCache.indexKey(redis, type, u), field,
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
        results.add(pipeline.hSetBytes(key, hash));
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
                results.add(pipeline.hDel(indexKey, oldField));
            }
            if (newField != null && !deletedNow) {
                results.add(pipeline.hSet(indexKey, newField, RedisRowCache.idBytes(entity.id())));
            }
        }
    }

    /** Marks the row as not found and drops its cached unique values. */
    public void delete(EntityState entity) {
        EntityType type = entity.type();
        String key = RedisRowCache.rowKey(redis, type, entity.id());
        results.add(pipeline.del(key));
        results.add(pipeline.hSet(key, RedisRowCache.NOT_FOUND_FIELD, new byte[] {'1'}));
        expire(type, key);
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).cached()) {
                String field = RedisRowCache.indexField(type, u, entity.loaded());
                if (field != null) {
                    results.add(pipeline.hDel(RedisRowCache.indexKey(redis, type, u), field));
                }
            }
        }
    }

    /** Moves {@code type}'s id counter past {@code max} (ids the application chose). */
    public void raiseIdCounter(EntityType type, long max) {
        results.add(pipeline.eval(IdCounters.RAISE_COUNTER, List.of(IdCounters.counterKey(redis, type)),
                RedisRowCache.idBytes(max)));
    }

    private void expire(EntityType type, String key) {
        if (type.redisTtl() > 0) {
            results.add(pipeline.expire(key, Duration.ofSeconds(type.redisTtl())));
        }
    }

    /**
     * Checks the replies, once the pipeline was sent.
     *
     * @throws FluxaException when a write failed (MySQL already committed)
     */
    public void confirm() {
        for (PipelineResult<?> result : results) {
            if (result.failed()) {
                try {
                    result.get();
                } catch (FluxaException e) {
                    throw new FluxaException("flush committed to MySQL, but updating the Redis cache on pool "
                            + redis.code() + " failed; cached rows may be stale until they expire: " + e.getMessage(), e);
                }
            }
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
