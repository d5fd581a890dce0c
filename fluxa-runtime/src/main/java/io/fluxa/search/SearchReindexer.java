package io.fluxa.search;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds one entity's search index from MySQL while the application keeps serving: a new version
 * is filled beside the active one in batches of rows read by id, flushes meanwhile keep writing the
 * active version and note the ids they changed, those ids are read again, and then one script makes
 * the new version active; the old one is dropped afterwards. A lease in Redis (renewed by every batch)
 * makes sure only one rebuild per entity runs at a time.
 */
final class SearchReindexer {

    private static final Logger LOG = LoggerFactory.getLogger("io.fluxa.search");
    static final int BATCH = 1000;
    private static final long LEASE_MILLIS = 30_000;
    private static final long WAIT_MILLIS = 60_000;
    private static final Map<String, ReindexProgress> PROGRESS = new ConcurrentHashMap<>();

    private final SearchIndex index;
    private final Context context;
    private final RedisPool pool;
    private final String token = UUID.randomUUID().toString();
    private final List<String> keys;

    private SearchReindexer(SearchIndex index, Context context) {
        this.index = index;
        this.context = context;
        this.pool = index.pool(context);
        this.keys = List.of(index.metaKey(pool), index.lockKey(pool));
    }

    /**
     * Rebuilds the index of {@code type}; returns the number of rows indexed.
     *
     * @throws FluxaException when another rebuild of the entity is running
     */
    static long reindex(Engine engine, EntityType type) {
        SearchIndex index = SearchIndex.of(type);
        long rows = new SearchReindexer(index, engine.newContext()).run();
        if (rows < 0) {
            throw new FluxaException(type.entityName() + ": a Redis search reindex is already running (the lease "
                    + index.lockKey(index.pool(engine)) + " is held); wait for it to finish");
        }
        return rows;
    }

    /** The progress of the running or last rebuild of {@code entityName} in this JVM. */
    static ReindexProgress progress(String entityName) {
        return PROGRESS.getOrDefault(entityName, ReindexProgress.none(entityName));
    }

    private static void progress(EntityType type, java.util.function.UnaryOperator<ReindexProgress> change) {
        PROGRESS.compute(type.entityName(), (name, old) -> change.apply(old == null ? ReindexProgress.none(name) : old));
    }

    /**
     * Builds the index when it has no active version for the current definition: here, or by
     * waiting (bounded) for another instance that is building it.
     */
    static void ensureBuilt(Context context, SearchIndex index) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            if (new SearchReindexer(index, context.engine().newContext()).run() >= 0) {
                return;
            }
            RedisPool pool = index.pool(context);
            List<String> meta = pool.hMGet(index.metaKey(pool), "active", "stamp");
            if (meta.get(0) != null && index.stamp().equals(meta.get(1))) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new FluxaException(index.type().entityName() + ": the Redis search index is being built by "
                        + "another instance and was not ready within " + WAIT_MILLIS / 1000 + " s; retry later");
            }
            try {
                Thread.sleep(100); // another instance holds the lease; poll its progress
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FluxaException("interrupted while waiting for the Redis search index of "
                        + index.type().entityName(), e);
            }
        }
    }

    /** @return rows indexed, or -1 when another rebuild holds the lease */
    private long run() {
        EntityType type = index.type();
        List<?> started = (List<?>) pool.eval(IndexScripts.START, keys, token, Long.toString(LEASE_MILLIS),
                index.stamp());
        long version = (Long) started.get(0);
        if (version < 0) {
            return -1;
        }
        long abandoned = (Long) started.get(1);
        long begin = System.nanoTime();
        progress(type, ReindexProgress::started);
        try {
            if (abandoned > 0) {
                drop(abandoned);
            }
            LOG.info("Redis search reindex of {} started (version {})", type.entityName(), version);
            long rows = 0;
            long lastId = 0;
            String sql = type.selectSql() + " WHERE `" + type.columnName(0) + "` > ?"
                    + (type.notDeletedSql() == null ? "" : " AND " + type.notDeletedSql())
                    + " ORDER BY `" + type.columnName(0) + "` LIMIT " + BATCH;
            while (true) {
                List<Object[]> batch = RowQueries.rows(context, type, sql, List.of(lastId));
                if (batch.isEmpty()) {
                    break;
                }
                RowWrites writes = new RowWrites(index);
                for (Object[] row : batch) {
                    writes.full(row);
                }
                write(version, writes);
                rows += batch.size();
                long indexed = rows;
                progress(type, p -> p.indexed(indexed));
                lastId = (Long) batch.get(batch.size() - 1)[0];
                LOG.debug("Redis search reindex of {}: {} rows indexed", type.entityName(), rows);
            }
            fixUpAndSwitch(version);
            LOG.info("Redis search reindex of {} done: {} rows in {} ms (version {})", type.entityName(), rows,
                    (System.nanoTime() - begin) / 1_000_000, version);
            long indexed = rows;
            progress(type, p -> p.done(indexed));
            return rows;
        } catch (RuntimeException e) {
            progress(type, p -> p.failed(e));
            try {
                pool.eval(IndexScripts.RELEASE, List.of(keys.get(1)), token);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Reads again the rows flushes changed during the build, until none is left, then switches. */
    private void fixUpAndSwitch(long version) {
        EntityType type = index.type();
        String touched = index.base(pool) + version + ":touched";
        while (true) {
            List<?> taken = (List<?>) pool.eval(IndexScripts.TAKE_TOUCHED, keys, token, Long.toString(LEASE_MILLIS),
                    touched, Integer.toString(BATCH));
            if (taken.isEmpty()) {
                long old = (Long) pool.eval(IndexScripts.SWITCH, keys, token, index.base(pool));
                if (old < 0) {
                    continue; // a flush touched rows after the last round
                }
                if (old > 0) {
                    drop(old);
                }
                return;
            }
            List<Long> ids = new ArrayList<>(taken.size());
            for (Object member : taken) {
                ids.add(Long.parseLong((String) member));
            }
            List<Object[]> rows = RowQueries.rows(context, type, type.whereIdIn(type.selectSql(), ids.size()), ids);
            write(version, RowWrites.asStored(index, ids, rows));
        }
    }

    private void write(long version, RowWrites writes) {
        List<String> args = new ArrayList<>(5 + writes.args().size());
        args.add(token);
        args.add(Long.toString(LEASE_MILLIS));
        args.add(index.base(pool));
        args.add(Long.toString(version));
        args.add(Integer.toString(index.columns().size()));
        args.addAll(writes.args());
        pool.eval(IndexScripts.BATCH, keys, args.toArray(String[]::new));
    }

    /** Removes every key of an old or abandoned version, a batch of keys per script call. */
    private void drop(long version) {
        while ((Long) pool.eval(IndexScripts.DROP, List.of(keys.get(0)), index.base(pool), Long.toString(version),
                Integer.toString(BATCH)) > 0) {
            // next batch
        }
    }
}
