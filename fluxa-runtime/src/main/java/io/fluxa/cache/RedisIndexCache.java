package io.fluxa.cache;

import io.fluxa.Context;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The Redis cache of unique indexes: one hash per index ({@link RedisRowCache#indexKey}) mapping the
 * index's value tuple to the id of the row holding it. Reads and background fills; the flush keeps
 * the hashes up to date through {@link RowCacheWrites}.
 */
public final class RedisIndexCache {

    private static final String INDEX_FIELD_SEPARATOR = "\u001f";

    private RedisIndexCache() {
    }

    /** The id cached for index values {@code field}, or 0. */
    public static long indexGet(Context context, RedisPool redis, EntityType type, int index, String field) {
        QueryLogger log = context.queryLogger();
        boolean logging = log.enabled(QuerySource.REDIS);
        long start = logging ? System.nanoTime() : 0;
        String key = RedisRowCache.indexKey(redis, type, index);
        byte[] cached = RedisRowCache.quiet(redis).hGetBytes(key, field).orElse(null);
        if (logging) {
            log.log(QuerySource.REDIS, redis.code(), "HGET", "HGET " + key + " " + field, start, cached == null, null);
        }
        return cached == null ? 0 : Long.parseLong(new String(cached, StandardCharsets.US_ASCII));
    }

    /** Caches index values {@code field} → {@code id}, in the background. */
    public static void indexFill(Context context, RedisPool redis, EntityType type, int index, String field, long id) {
        QueryLogger log = context.queryLogger();
        boolean logging = log.enabled(QuerySource.REDIS);
        long start = logging ? System.nanoTime() : 0;
        String key = RedisRowCache.indexKey(redis, type, index);
        RedisPipeline pipeline = RedisRowCache.quiet(redis).pipeline();
        pipeline.hSet(key, field, RedisRowCache.idBytes(id));
        pipeline.execInBackground();
        if (logging) {
            log.log(QuerySource.REDIS, redis.code(), "FILL", "HSET " + key + " " + field, start, false, null);
        }
    }

    /** The hash field of a unique index value tuple, or null when a value is null (NULLs never collide). */
    public static String indexField(Object[] values) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < values.length; k++) {
            Object v = values[k];
            if (v == null) {
                return null;
            }
            if (k > 0) {
                b.append(INDEX_FIELD_SEPARATOR);
            }
            if (v instanceof Boolean bool) {
                b.append(bool ? '1' : '0');
            } else if (v instanceof Instant instant) {
                b.append(instant.getEpochSecond());
            } else if (v instanceof LocalDateTime time) {
                b.append(time.toEpochSecond(ZoneOffset.UTC));
            } else if (v instanceof byte[] bytes) {
                for (byte x : bytes) {
                    b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
                }
            } else {
                b.append(v);
            }
        }
        return b.toString();
    }

    /** The index field of unique index {@code index} taken from a row. */
    static String indexField(EntityType type, int index, Object[] row) {
        int[] columns = type.uniqueColumns(index);
        Object[] values = new Object[columns.length];
        for (int k = 0; k < columns.length; k++) {
            values[k] = row[columns[k]];
        }
        return indexField(values);
    }
}
