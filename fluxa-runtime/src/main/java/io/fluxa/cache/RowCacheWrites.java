package io.fluxa.cache;

import io.fluxa.redis.CacheRepairs;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The row cache writes of one flush on one Redis pool, queued on a pipeline the caller sends (the
 * flush's shared post-commit pipeline: one round trip per pool) and checked by {@link #confirm}. Runs
 * only after MySQL committed.
 *
 * <p>Every row the flush inserted, updated or deleted is <b>invalidated</b>, never patched: its hash
 * is replaced by a tombstone holding only a moved-on generation, and the next read fills it from
 * MySQL — a fill that read MySQL before this invalidation finds the generation changed and is dropped
 * ({@link RedisRowCache#FILL_ROW}). So whatever order the flushes of several contexts or nodes reach
 * Redis in, no value MySQL does not hold can stay cached. When Redis does not take the writes they
 * are kept in the pool's {@link CacheRepairs} and sent again once it is back.
 *
 * <p>Two variants serve the async flush. An immediate {@code flushAsync} writes its rows <b>through</b>
 * before its stream entry is added ({@link RedisRowCache#WRITE_THROUGH}: the new values under a moved-on
 * generation, marked with the flush's token); the consumer's invalidation after its commit leaves a row
 * that a later, still pending entry wrote through ({@link RedisRowCache#INVALIDATE_APPLIED}). See
 * docs/async-flush.md for why every tier still ends equal to MySQL.
 */
public final class RowCacheWrites {

    private static final Logger LOG = LoggerFactory.getLogger(RowCacheWrites.class);

    /** A row invalidated by this flush, for the repair when Redis does not take it. */
    private record Touched(EntityType type, long id, String key, LocalCache local, Object written) {
    }

    private final RedisPool redis;
    private final RedisPipeline pipeline;
    private final LocalCacheChannel channel;
    /** The token of an immediate async flush writing its rows through, or null: invalidate them. */
    private final byte[] writeThroughToken;
    private final List<Touched> touched = new ArrayList<>();
    private final List<byte[][]> counterRaises = new ArrayList<>();
    private final List<EntityType> counterTypes = new ArrayList<>();
    private final List<PipelineResult<?>> results = new ArrayList<>();

    /**
     * Writes to {@code redis}, queued on {@code pipeline} (a pipeline to that pool); {@code channel}
     * (null when the engine has none) tells the other nodes about rows repaired later.
     */
    public RowCacheWrites(RedisPool redis, RedisPipeline pipeline, LocalCacheChannel channel) {
        this(redis, pipeline, channel, null);
    }

    /**
     * With {@code writeThroughToken} (an immediate async flush, before its stream entry is added) the rows
     * are not invalidated but written through: their new values (or "not found") under a moved-on
     * generation in Redis, marked with the token, and in the local cache by {@link #confirm}.
     */
    public RowCacheWrites(RedisPool redis, RedisPipeline pipeline, LocalCacheChannel channel,
            String writeThroughToken) {
        this.redis = redis;
        this.pipeline = pipeline;
        this.channel = channel;
        this.writeThroughToken = writeThroughToken == null ? null
                : writeThroughToken.getBytes(StandardCharsets.US_ASCII);
    }

    /** Invalidates the inserted row (clearing a cached "not found") and indexes its cached unique values. */
    public void insert(EntityState entity, LocalCache local) {
        EntityType type = entity.type();
        write(entity, local, false);
        if (type.isSoftDeleted(entity.values())) {
            return;
        }
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).cached()) {
                String field = RedisIndexCache.indexField(type, u, entity.values());
                if (field != null) {
                    results.add(pipeline.hSet(RedisRowCache.indexKey(redis, type, u), field,
                            RedisRowCache.idBytes(entity.id())));
                }
            }
        }
    }

    /**
     * Invalidates the updated row and moves its cached unique values. (Index entries are hints: a
     * lookup checks the row it points to, see {@code UniqueIndexLookup}.)
     */
    public void update(EntityState entity, int[] changed, LocalCache local) {
        EntityType type = entity.type();
        write(entity, local, false);
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
            String oldField = RedisIndexCache.indexField(type, u, entity.loaded());
            String newField = RedisIndexCache.indexField(type, u, entity.values());
            if (oldField != null) {
                results.add(pipeline.hDel(indexKey, oldField));
            }
            if (newField != null && !deletedNow) {
                results.add(pipeline.hSet(indexKey, newField, RedisRowCache.idBytes(entity.id())));
            }
        }
    }

    /** Invalidates the deleted row (the next read caches "not found") and drops its cached unique values. */
    public void delete(EntityState entity, LocalCache local) {
        EntityType type = entity.type();
        write(entity, local, true);
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).cached()) {
                String field = RedisIndexCache.indexField(type, u, entity.loaded());
                if (field != null) {
                    results.add(pipeline.hDel(RedisRowCache.indexKey(redis, type, u), field));
                }
            }
        }
    }

    /**
     * Invalidates the row ({@link RedisRowCache#INVALIDATE_ROW}); a row applied by the async consumer only
     * when no later entry wrote it through ({@link RedisRowCache#INVALIDATE_APPLIED}); or, in write-through
     * mode, writes its new values ({@link RedisRowCache#WRITE_THROUGH}).
     */
    private void write(EntityState entity, LocalCache local, boolean deleted) {
        EntityType type = entity.type();
        long id = entity.id();
        String key = RedisRowCache.rowKey(redis, type, id);
        Object written = null;
        if (writeThroughToken != null) {
            results.add(pipeline.eval(RedisRowCache.WRITE_THROUGH, List.of(key),
                    RedisRowCache.writeThroughArguments(type, deleted ? null : entity.values(), writeThroughToken)));
            written = deleted ? ContextCache.NOT_FOUND : entity.values().clone();
        } else if (entity.asyncApplyToken() != null) {
            results.add(pipeline.eval(RedisRowCache.INVALIDATE_APPLIED, List.of(key),
                    RedisRowCache.tombstoneSeconds(type),
                    entity.asyncApplyToken().getBytes(StandardCharsets.US_ASCII)));
        } else {
            results.add(pipeline.eval(RedisRowCache.INVALIDATE_ROW, List.of(key),
                    RedisRowCache.tombstoneSeconds(type)));
        }
        touched.add(new Touched(type, id, key, local, written));
    }

    /** Moves {@code type}'s id counter past {@code max} (ids the application chose). */
    public void raiseIdCounter(EntityType type, long max) {
        byte[][] args = {RedisRowCache.idBytes(max)};
        results.add(pipeline.eval(IdCounters.RAISE_COUNTER, List.of(IdCounters.counterKey(redis, type)), args));
        counterTypes.add(type);
        counterRaises.add(args);
    }

    /**
     * Checks the replies, once the pipeline was sent. When Redis did not take the writes (MySQL
     * already committed), the row invalidations and id counter moves are queued in the pool's
     * {@link CacheRepairs}, a warning is logged, and this returns normally: the flush succeeded, and no
     * read serves the old rows once Redis is back. Local copies are dropped either way, after the
     * Redis attempt and after the repairs were queued: a read that notes the row's generation after
     * the local drop (so its fill is not refused) already finds the repair pending, and skips Redis
     * unless the repair ran first — it cannot load the old row from Redis and cache it locally. In
     * write-through mode the new rows are stored locally instead ({@link LocalRows#writeThrough}).
     *
     * @return the number of writes left to the repair (0 when Redis took everything)
     */
    public int confirm() {
        int queued = queueRepairsIfFailed();
        for (Touched row : touched) {
            if (row.written() != null) {
                LocalRows.writeThrough(row.local(), row.type(), row.id(), row.written());
            } else {
                LocalRows.invalidate(row.local(), row.type(), row.id());
            }
        }
        return queued;
    }

    private int queueRepairsIfFailed() {
        RuntimeException failure = null;
        for (PipelineResult<?> result : results) {
            if (result.failed()) {
                try {
                    result.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
                break;
            }
        }
        if (failure == null) {
            return 0;
        }
        CacheRepairs repairs = redis.cacheRepairs();
        for (Touched row : touched) {
            repairs.add(row.key(), row.key(), RedisRowCache.INVALIDATE_ROW,
                    new byte[][] {RedisRowCache.tombstoneSeconds(row.type())},
                    () -> repaired(row));
        }
        for (int i = 0; i < counterRaises.size(); i++) {
            String key = IdCounters.counterKey(redis, counterTypes.get(i));
            byte[][] args = counterRaises.get(i);
            repairs.add(key + " " + new String(args[0], StandardCharsets.US_ASCII), key, IdCounters.RAISE_COUNTER,
                    args, () -> { });
        }
        int queued = touched.size() + counterRaises.size();
        LOG.warn("flush committed to MySQL, but Redis pool '{}' did not take its cache writes ({}); {} cached "
                + "row(s) will be invalidated once Redis is back (reads until then skip Redis for them): {}",
                redis.code(), failure.toString(), queued,
                touched.stream().limit(10).map(Touched::key).toList());
        return queued;
    }

    /**
     * Once Redis took a repaired row's invalidation: drops the local copy here and tells the other nodes
     * again. The flush's own message may have reached them before the repair, and a node that read
     * Redis in between could have cached the old row; this message comes after the repair.
     */
    private void repaired(Touched row) {
        LocalRows.invalidate(row.local(), row.type(), row.id());
        if (channel != null && row.type().localPool() != null) {
            channel.publish(Map.of(row.type().table(), List.of(row.id())));
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
