package io.fluxa.orm;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.FluxaValidationException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.flush.Flushable;
import io.fluxa.log.QuerySource;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.stream.DirtyEvents;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a context's pending entities: one transaction per MySQL pool (one batched {@code INSERT} per
 * table, {@code UPDATE}s of the changed columns only, batched {@code DELETE}s), and only after every
 * pool committed, the Redis row cache (one pipelined batch per Redis pool), the local caches and
 * the context cache. When any statement fails every pool is rolled back, no cache is touched and
 * the entities keep their pending changes. Found by the engine through {@link java.util.ServiceLoader}.
 *
 * <p>What a {@link Context} implementation must do: {@link Context#track} keeps each entity once
 * (by identity) in first-tracked order; {@code flush()} passes that list here and forgets it only
 * when this method returns normally, so after an exception the same entities are flushed again by
 * the next {@code flush()}; {@code clearFlush()} forgets the list.
 */
public final class OrmFlushExecutor implements FlushExecutor {

    /** Ids per DELETE … IN statement. */
    private static final int MAX_ROWS_PER_STATEMENT = 1000;

    public OrmFlushExecutor() {
    }

    @Override
    public void flush(Context context, List<Flushable> pending) {
        List<AbstractEntity> work = new ArrayList<>(pending.size());
        for (Flushable flushable : pending) {
            if (!(flushable instanceof AbstractEntity entity)) {
                throw new FluxaException("cannot flush " + flushable.getClass().getName()
                        + ": only generated Fluxa entities can be flushed");
            }
            if (entity.isNew() && entity.action == AbstractEntity.ACTION_DELETE) {
                continue; // created and deleted in the same unit of work: nothing to write
            }
            if (entity.isDirty()) {
                work.add(entity);
            }
        }
        if (work.isEmpty()) {
            return;
        }
        assignIds(context, work);
        Map<String, List<TableWork>> byPool = plan(work);
        List<Runnable> callbacks = prepareCallbacks(context, byPool);
        DirtyEvents dirtyEvents = collectDirtyEvents(context, byPool);
        runTransactions(context, byPool);
        updateCaches(context, byPool, dirtyEvents);
        for (Runnable callback : callbacks) {
            callback.run();
        }
    }

    /**
     * Collects the lifecycle callbacks to run once everything is written. The previous values of
     * updated columns are captured now, before the entities are marked flushed.
     */
    private static List<Runnable> prepareCallbacks(Context context, Map<String, List<TableWork>> byPool) {
        List<Runnable> calls = new ArrayList<>();
        for (List<TableWork> tables : byPool.values()) {
            for (TableWork table : tables) {
                EntityProvider<?> provider = table.provider;
                EntityCallbacks<?> registered = provider.callbacksOf(context.engine());
                if (registered == null) {
                    continue;
                }
                for (AbstractEntity entity : table.inserts) {
                    calls.add(() -> provider.fireAfterInsert(context, registered, entity));
                }
                for (int i = 0; i < table.updates.size(); i++) {
                    AbstractEntity entity = table.updates.get(i);
                    int[] changed = table.updatedColumns.get(i);
                    if (contains(changed, provider.fakeDeleteIndex) && provider.isSoftDeleted(entity)) {
                        calls.add(() -> provider.fireAfterDelete(context, registered, entity));
                        continue;
                    }
                    Map<String, Object> previous = new LinkedHashMap<>();
                    for (int column : changed) {
                        previous.put(provider.schema().columns().get(column).fieldPath(), entity.loaded[column]);
                    }
                    Map<String, Object> unmodifiable = java.util.Collections.unmodifiableMap(previous);
                    calls.add(() -> provider.fireAfterUpdate(context, registered, entity, unmodifiable));
                }
                for (AbstractEntity entity : table.deletes) {
                    calls.add(() -> provider.fireAfterDelete(context, registered, entity));
                }
            }
        }
        return calls;
    }

    /**
     * The {@code @DirtyStream} events of this flush, built while the old values are known; null when no
     * entity of the flush publishes any. They are sent only after the commit (see {@link #updateCaches}).
     */
    private static DirtyEvents collectDirtyEvents(Context context, Map<String, List<TableWork>> byPool) {
        DirtyEvents events = null;
        for (List<TableWork> tables : byPool.values()) {
            for (TableWork table : tables) {
                EntityProvider<?> provider = table.provider;
                EntitySchema schema = provider.schema();
                if (!DirtyEvents.publishes(schema)) {
                    continue;
                }
                if (events == null) {
                    events = DirtyEvents.collect(context);
                }
                for (AbstractEntity entity : table.inserts) {
                    events.inserted(schema, entity.id, entity.values);
                }
                for (int i = 0; i < table.updates.size(); i++) {
                    AbstractEntity entity = table.updates.get(i);
                    int[] changed = table.updatedColumns.get(i);
                    boolean softDeleted = contains(changed, provider.fakeDeleteIndex) && provider.isSoftDeleted(entity);
                    events.updated(schema, entity.id, changed, entity.loaded, entity.values, softDeleted);
                }
                for (AbstractEntity entity : table.deletes) {
                    events.deleted(schema, entity.id, entity.loaded);
                }
            }
        }
        return events;
    }

    @Override
    public void flushAsync(Context context, List<Flushable> pending, boolean immediateCacheUpdate) {
        throw new FluxaException("flushAsync is not available yet: asynchronous flush through Redis Streams "
                + "is planned in a later release; use flush() for now");
    }

    // ---- planning -------------------------------------------------------------------------

    /** One Redis INCRBY per table for every new entity that has no id yet. */
    private static void assignIds(Context context, List<AbstractEntity> work) {
        Map<EntityProvider<?>, List<AbstractEntity>> needIds = new LinkedHashMap<>();
        for (AbstractEntity entity : work) {
            if (entity.isNew() && !entity.hasId()) {
                needIds.computeIfAbsent(entity.provider(), p -> new ArrayList<>()).add(entity);
            }
        }
        for (Map.Entry<EntityProvider<?>, List<AbstractEntity>> entry : needIds.entrySet()) {
            List<AbstractEntity> entities = entry.getValue();
            long first = entry.getKey().ids().reserve(context, entry.getKey(), entities.size());
            for (AbstractEntity entity : entities) {
                entity.assignId(first++);
            }
        }
    }

    /** What one flush does to one table. */
    static final class TableWork {
        final EntityProvider<?> provider;
        final List<AbstractEntity> inserts = new ArrayList<>();
        final List<AbstractEntity> updates = new ArrayList<>();
        final List<int[]> updatedColumns = new ArrayList<>();
        final List<AbstractEntity> deletes = new ArrayList<>();

        TableWork(EntityProvider<?> provider) {
            this.provider = provider;
        }
    }

    private static Map<String, List<TableWork>> plan(List<AbstractEntity> work) {
        Map<EntityProvider<?>, TableWork> tables = new LinkedHashMap<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (AbstractEntity entity : work) {
            EntityProvider<?> provider = entity.provider();
            TableWork table = tables.computeIfAbsent(provider, TableWork::new);
            if (entity.action == AbstractEntity.ACTION_DELETE) {
                table.deletes.add(entity);
            } else if (entity.isNew()) {
                stamp(entity, provider.createdAtIndex, now, true);
                stamp(entity, provider.updatedAtIndex, now, true);
                checkRequired(entity);
                table.inserts.add(entity);
            } else {
                int[] changed = entity.changedColumns();
                if (changed.length == 0) {
                    continue;
                }
                if (provider.updatedAtIndex >= 0 && !contains(changed, provider.updatedAtIndex)) {
                    stamp(entity, provider.updatedAtIndex, now, false);
                    changed = entity.changedColumns();
                }
                table.updates.add(entity);
                table.updatedColumns.add(changed);
            }
        }
        Map<String, List<TableWork>> byPool = new LinkedHashMap<>();
        for (TableWork table : tables.values()) {
            byPool.computeIfAbsent(table.provider.mysqlPool(), p -> new ArrayList<>()).add(table);
        }
        return byPool;
    }

    /** Sets a createdAt/updatedAt column to now; on insert only when the user left it empty. */
    private static void stamp(AbstractEntity entity, int column, Instant now, boolean onlyWhenEmpty) {
        if (column < 0) {
            return;
        }
        Object current = entity.values[column];
        if (onlyWhenEmpty && current != null && !Instant.EPOCH.equals(current)
                && !LocalDateTime.of(1970, 1, 1, 0, 0).equals(current)) {
            return;
        }
        Object value = RowCodec.typeOf(entity.provider().schema().columns().get(column)) == RowCodec.LOCAL_DATE_TIME
                ? LocalDateTime.ofInstant(now, ZoneOffset.UTC)
                : now;
        entity.setDuringFlush(column, value);
    }

    private static void checkRequired(AbstractEntity entity) {
        List<ColumnSchema> columns = entity.provider().schema().columns();
        for (int i = 1; i < columns.size(); i++) {
            if (!columns.get(i).nullable() && entity.values[i] == null) {
                throw new FluxaValidationException(entity.provider().entityName(), columns.get(i).fieldPath(),
                        "null is not allowed: the field is required (NOT NULL); set it before flush");
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

    // ---- SQL ------------------------------------------------------------------------------

    private static void runTransactions(Context context, Map<String, List<TableWork>> byPool) {
        // A flush of one row in one pool is one statement, atomic by itself: it runs in auto-commit
        // and saves the round-trips of starting and committing a transaction.
        boolean singleStatement = byPool.size() == 1 && rows(byPool.values().iterator().next()) == 1;
        List<Connection> open = new ArrayList<>();
        try {
            List<MySqlPool> pools = new ArrayList<>();
            for (Map.Entry<String, List<TableWork>> entry : byPool.entrySet()) {
                MySqlPool pool = context.engine().db(entry.getKey());
                Connection connection = pool.dataSource().getConnection();
                open.add(connection);
                pools.add(pool);
                if (singleStatement) {
                    if (!connection.getAutoCommit()) {
                        connection.setAutoCommit(true);
                    }
                } else {
                    connection.setAutoCommit(false);
                }
                List<TableWork> tables = entry.getValue();
                for (TableWork table : tables) {
                    insert(context, pool, connection, table);
                }
                for (TableWork table : tables) {
                    update(context, pool, connection, table);
                }
                for (int t = tables.size() - 1; t >= 0; t--) {
                    delete(context, pool, connection, tables.get(t));
                }
            }
            for (int i = 0; i < open.size() && !singleStatement; i++) {
                long start = System.nanoTime();
                open.get(i).commit();
                Logs.log(context.queryLogger(), QuerySource.MYSQL, pools.get(i).code(), "COMMIT", "COMMIT", start,
                        false, null);
            }
        } catch (SQLException e) {
            rollback(open, singleStatement);
            throw new FluxaException("flush failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback(open, singleStatement);
            throw e;
        } finally {
            for (Connection connection : open) {
                try {
                    if (!singleStatement) {
                        connection.setAutoCommit(true);
                    }
                    connection.close();
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
            }
        }
    }

    private static int rows(List<TableWork> tables) {
        int rows = 0;
        for (TableWork table : tables) {
            rows += table.inserts.size() + table.updates.size() + table.deletes.size();
        }
        return rows;
    }

    private static void rollback(List<Connection> open, boolean singleStatement) {
        if (singleStatement) {
            return; // the failed statement changed nothing
        }
        for (Connection connection : open) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed and evicted anyway; MySQL drops the open transaction
            }
        }
    }

    /**
     * One prepared single-row INSERT per table, executed as one JDBC batch. MariaDB Connector/J 3
     * sends such a batch with its bulk protocol (one round-trip); measured on 10 000 rows it was
     * 1.0-1.5x faster than multi-row INSERT text (docs/crud.md has the numbers).
     */
    private static void insert(Context context, MySqlPool pool, Connection connection, TableWork table) {
        List<AbstractEntity> rows = table.inserts;
        if (rows.isEmpty()) {
            return;
        }
        EntityProvider<?> provider = table.provider;
        int columns = provider.columnCount;
        StringBuilder sql = new StringBuilder("INSERT INTO `").append(provider.table()).append("` (");
        StringBuilder values = new StringBuilder(") VALUES (");
        for (int i = 0; i < columns; i++) {
            sql.append(i == 0 ? "`" : ",`").append(provider.columnNames[i]).append('`');
            values.append(i == 0 ? "?" : ",?");
        }
        sql.append(values).append(')');
        execute(context, pool, connection, provider, "INSERT", sql + " x" + rows.size(), sql.toString(),
                statement -> {
                    for (AbstractEntity row : rows) {
                        Object[] rowValues = row.values;
                        for (int c = 0; c < columns; c++) {
                            provider.codec.bind(statement, c + 1, c, rowValues[c]);
                        }
                        statement.addBatch();
                    }
                    statement.executeBatch();
                });
    }

    private static void update(Context context, MySqlPool pool, Connection connection, TableWork table) {
        if (table.updates.isEmpty()) {
            return;
        }
        EntityProvider<?> provider = table.provider;
        // rows changing the same columns share one statement, sent as one JDBC batch
        Map<String, List<Integer>> bySql = new LinkedHashMap<>();
        for (int i = 0; i < table.updates.size(); i++) {
            int[] changed = table.updatedColumns.get(i);
            StringBuilder sql = new StringBuilder("UPDATE `").append(provider.table()).append("` SET ");
            for (int k = 0; k < changed.length; k++) {
                sql.append(k == 0 ? "`" : ",`").append(provider.columnNames[changed[k]]).append("`=?");
            }
            sql.append(" WHERE `").append(provider.columnNames[0]).append("`=?");
            bySql.computeIfAbsent(sql.toString(), s -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> entry : bySql.entrySet()) {
            execute(context, pool, connection, provider, "UPDATE", entry.getKey(), statement -> {
                for (int i : entry.getValue()) {
                    AbstractEntity entity = table.updates.get(i);
                    int[] changed = table.updatedColumns.get(i);
                    int p = 1;
                    for (int column : changed) {
                        provider.codec.bind(statement, p++, column, entity.values[column]);
                    }
                    statement.setLong(p, entity.id);
                    statement.addBatch();
                }
                statement.executeBatch();
            });
        }
    }

    private static void delete(Context context, MySqlPool pool, Connection connection, TableWork table) {
        List<AbstractEntity> rows = table.deletes;
        EntityProvider<?> provider = table.provider;
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            int to = Math.min(rows.size(), from + MAX_ROWS_PER_STATEMENT);
            StringBuilder sql = new StringBuilder("DELETE FROM `").append(provider.table()).append("` WHERE `")
                    .append(provider.columnNames[0]).append("` IN (");
            for (int r = from; r < to; r++) {
                sql.append(r == from ? "?" : ",?");
            }
            sql.append(')');
            int start = from;
            execute(context, pool, connection, provider, "DELETE", sql.toString(), statement -> {
                for (int r = start; r < to; r++) {
                    statement.setLong(r - start + 1, rows.get(r).id);
                }
                statement.executeUpdate();
            });
        }
    }

    @FunctionalInterface
    private interface StatementWork {
        void run(PreparedStatement statement) throws SQLException;
    }

    private static void execute(Context context, MySqlPool pool, Connection connection, EntityProvider<?> provider,
            String operation, String sql, StatementWork work) {
        execute(context, pool, connection, provider, operation, sql, sql, work);
    }

    private static void execute(Context context, MySqlPool pool, Connection connection, EntityProvider<?> provider,
            String operation, String logged, String sql, StatementWork work) {
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            work.run(statement);
            Logs.log(context.queryLogger(), QuerySource.MYSQL, pool.code(), operation, logged, start, false, null);
        } catch (SQLException e) {
            Logs.log(context.queryLogger(), QuerySource.MYSQL, pool.code(), operation, logged, start, false, e);
            throw SqlErrors.translate(provider, e, sql);
        }
    }

    // ---- caches, after commit -------------------------------------------------------------

    private static void updateCaches(Context context, Map<String, List<TableWork>> byPool, DirtyEvents dirtyEvents) {
        Map<RedisPool, List<RedisFuture<?>>> batches = new IdentityHashMap<>();
        Map<RedisPool, Long> starts = new HashMap<>();
        ContextCache contextCache = context.contextCache();
        for (List<TableWork> tables : byPool.values()) {
            for (TableWork table : tables) {
                EntityProvider<?> provider = table.provider;
                RedisPool redis = provider.redisPool == null ? null : context.engine().redis(provider.redisPool);
                List<RedisFuture<?>> futures = null;
                RedisAsyncCommands<String, byte[]> async = null;
                if (redis != null) {
                    starts.putIfAbsent(redis, System.nanoTime());
                    futures = batches.computeIfAbsent(redis, r -> new ArrayList<>());
                    async = redis.connection().async();
                }
                LocalCache local = provider.localCache(context);
                raiseIdCounter(context, provider, table.inserts, batches, starts);
                for (AbstractEntity entity : table.inserts) {
                    if (async != null) {
                        cacheInsert(provider, async, futures, entity);
                    }
                    entity.flushed(false);
                    if (local != null) {
                        local.set(new RowKey(provider, entity.id), entity.loaded);
                    }
                    if (contextCache.enabled()) {
                        contextCache.put(provider.table(), entity.id, entity);
                    }
                }
                for (int i = 0; i < table.updates.size(); i++) {
                    AbstractEntity entity = table.updates.get(i);
                    if (async != null) {
                        cacheUpdate(provider, async, futures, entity, table.updatedColumns.get(i));
                    }
                    entity.flushed(false);
                    if (local != null) {
                        // removed, not overwritten: this entity may hold stale values of columns it did not change
                        local.remove(new RowKey(provider, entity.id));
                    }
                }
                for (AbstractEntity entity : table.deletes) {
                    if (async != null) {
                        cacheDelete(provider, async, futures, entity);
                    }
                    entity.flushed(true);
                    if (local != null) {
                        local.set(new RowKey(provider, entity.id), ContextCache.NOT_FOUND);
                    }
                    if (contextCache.enabled()) {
                        contextCache.put(provider.table(), entity.id, ContextCache.NOT_FOUND);
                    }
                }
            }
        }
        // dirty-stream events leave now, with the cache commands, before any reply is awaited;
        // confirm() never throws: what Redis does not take is retried in the background
        DirtyEvents.Sent sentEvents = dirtyEvents == null ? null : dirtyEvents.send();
        try {
            for (Map.Entry<RedisPool, List<RedisFuture<?>>> batch : batches.entrySet()) {
                RedisPool redis = batch.getKey();
                try {
                    RedisCalls.awaitAll(redis, batch.getValue());
                    Logs.log(context.queryLogger(), QuerySource.REDIS, redis.code(), "PIPELINE",
                            "PIPELINE x" + batch.getValue().size(), starts.get(redis), false, null);
                } catch (RuntimeException e) {
                    Logs.log(context.queryLogger(), QuerySource.REDIS, redis.code(), "PIPELINE",
                            "PIPELINE x" + batch.getValue().size(), starts.get(redis), false, e);
                    throw new FluxaException("flush committed to MySQL, but updating the Redis cache on pool "
                            + redis.code() + " failed; cached rows may be stale until they expire: " + e.getMessage(), e);
                }
            }
        } finally {
            if (sentEvents != null) {
                sentEvents.confirm();
            }
        }
    }

    /**
     * Rows inserted with an id the application chose must never be handed out by the counter again,
     * so the counter is moved past the largest of them.
     */
    private static void raiseIdCounter(Context context, EntityProvider<?> provider, List<AbstractEntity> inserts,
            Map<RedisPool, List<RedisFuture<?>>> batches, Map<RedisPool, Long> starts) {
        long max = 0;
        for (AbstractEntity entity : inserts) {
            if (entity.chosenId) {
                max = Math.max(max, entity.id);
                entity.chosenId = false;
            }
        }
        if (max == 0) {
            return;
        }
        RedisPool pool;
        try {
            pool = provider.idPool(context);
        } catch (PoolUnavailableException e) {
            return; // no Redis at all: this application only ever inserts chosen ids, there is no counter
        }
        starts.putIfAbsent(pool, System.nanoTime());
        batches.computeIfAbsent(pool, r -> new ArrayList<>()).add(pool.connection().async().eval(
                IdGenerator.RAISE_COUNTER, io.lettuce.core.ScriptOutputType.INTEGER,
                new String[] {IdGenerator.counterKey(provider)}, idBytes(max)));
    }

    private static void cacheInsert(EntityProvider<?> provider, RedisAsyncCommands<String, byte[]> async,
            List<RedisFuture<?>> futures, AbstractEntity entity) {
        String key = provider.redisKey(entity.id);
        Map<String, byte[]> hash = new HashMap<>(provider.columnCount * 2);
        byte[][] packed = provider.codec.packRow(entity.values);
        for (int i = 1; i < provider.columnCount; i++) {
            hash.put(EntityProvider.FIELDS[i], packed[i]);
        }
        futures.add(async.del(key));
        futures.add(async.hset(key, hash));
        expire(provider, async, futures, key);
        boolean deleted = provider.isSoftDeleted(entity);
        for (int u = 0; u < provider.uniqueColumns.length; u++) {
            if (provider.schema().uniqueIndexes().get(u).cached() && !deleted) {
                String field = provider.indexField(u, entity.values);
                if (field != null) {
                    futures.add(async.hset(provider.redisIndexKey(provider.schema().uniqueIndexes().get(u).name()),
                            field, idBytes(entity.id)));
                }
            }
        }
    }

    /**
     * Writes only the changed columns into the row's hash. Two flushes that change different
     * columns of one row therefore both land, whatever order they arrive in.
     */
    private static void cacheUpdate(EntityProvider<?> provider, RedisAsyncCommands<String, byte[]> async,
            List<RedisFuture<?>> futures, AbstractEntity entity, int[] changed) {
        String key = provider.redisKey(entity.id);
        Map<String, byte[]> hash = new HashMap<>(changed.length * 2);
        for (int column : changed) {
            hash.put(EntityProvider.FIELDS[column], provider.codec.pack(column, entity.values[column]));
        }
        futures.add(async.hset(key, hash));
        expire(provider, async, futures, key);
        boolean deletedNow = provider.isSoftDeleted(entity);
        for (int u = 0; u < provider.uniqueColumns.length; u++) {
            if (!provider.schema().uniqueIndexes().get(u).cached()) {
                continue;
            }
            boolean indexChanged = false;
            for (int column : provider.uniqueColumns[u]) {
                indexChanged |= contains(changed, column);
            }
            boolean softDeleteChanged = provider.fakeDeleteIndex >= 0 && contains(changed, provider.fakeDeleteIndex);
            if (!indexChanged && !softDeleteChanged) {
                continue;
            }
            String indexKey = provider.redisIndexKey(provider.schema().uniqueIndexes().get(u).name());
            String oldField = provider.indexField(u, entity.loaded);
            String newField = provider.indexField(u, entity.values);
            if (oldField != null) {
                futures.add(async.hdel(indexKey, oldField));
            }
            if (newField != null && !deletedNow) {
                futures.add(async.hset(indexKey, newField, idBytes(entity.id)));
            }
        }
    }

    private static void cacheDelete(EntityProvider<?> provider, RedisAsyncCommands<String, byte[]> async,
            List<RedisFuture<?>> futures, AbstractEntity entity) {
        String key = provider.redisKey(entity.id);
        futures.add(async.del(key));
        futures.add(async.hset(key, EntityProvider.NOT_FOUND_FIELD, new byte[] {'1'}));
        expire(provider, async, futures, key);
        for (int u = 0; u < provider.uniqueColumns.length; u++) {
            if (provider.schema().uniqueIndexes().get(u).cached()) {
                String field = provider.indexField(u, entity.loaded);
                if (field != null) {
                    futures.add(async.hdel(provider.redisIndexKey(provider.schema().uniqueIndexes().get(u).name()),
                            field));
                }
            }
        }
    }

    private static void expire(EntityProvider<?> provider, RedisAsyncCommands<String, byte[]> async,
            List<RedisFuture<?>> futures, String key) {
        if (provider.redisTtl > 0) {
            futures.add(async.expire(key, provider.redisTtl));
        }
    }

    private static byte[] idBytes(long id) {
        return Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    }
}
