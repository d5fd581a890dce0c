package io.fluxa.orm;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityNotFoundException;
import io.fluxa.FluxaException;
import io.fluxa.Pager;
import io.fluxa.Registry;
import io.fluxa.SearchResult;
import io.fluxa.Where;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.log.QuerySource;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.UniqueIndexSchema;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Base class of every generated provider: the read paths (context cache → local cache → Redis →
 * MySQL), searches, unique-index lookups and reference preloading of one entity type. Stateless and
 * thread-safe; every method takes the {@link Context} of the unit of work first.
 *
 * <p>Redis row cache: one hash per row under {@code <table>:<stamp>:<id>}, one field per column
 * (the column's position) holding the msgpack-encoded value, or the single field {@code nf} when
 * the row is known not to exist. See {@code docs/caching.md} for why rows are hashes.
 */
public abstract class EntityProvider<E extends AbstractEntity> {

    /** Hash field marking a row known not to exist. */
    static final String NOT_FOUND_FIELD = "nf";

    /** Fills missing fields only, so a value a concurrent flush wrote is never replaced by an older read. */
    static final String FILL_ROW = "if redis.call('HEXISTS', KEYS[1], 'nf') == 1 then return 0 end "
            + "for i = 1, #ARGV - 1, 2 do redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) end "
            + "local ttl = tonumber(ARGV[#ARGV]) "
            + "if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end return 1";
    static final String FILL_NOT_FOUND = "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end "
            + "redis.call('HSET', KEYS[1], 'nf', '1') "
            + "local ttl = tonumber(ARGV[1]) "
            + "if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end return 1";
    private static final String INDEX_FIELD_SEPARATOR = "\u001f";
    private static final int MAX_IDS_PER_QUERY = 10_000;

    private final EntitySchema schema;
    final RowCodec codec;
    final int columnCount;
    final String[] columnNames;
    final String redisPool;
    final int redisTtl;
    final byte[] redisTtlArg;
    final String localPool;
    final String keyPrefix;
    final int fakeDeleteIndex;
    final int createdAtIndex;
    final int updatedAtIndex;
    final String selectSql;
    private final String selectIdSql;
    private final Object[] defaults;
    final int[][] uniqueColumns;
    /** Redis hash field name of each column (its position). */
    static final String[] FIELDS = fieldNames(512);
    private static final byte[][] FIELD_BYTES = fieldBytes(FIELDS);

    protected EntityProvider(EntitySchema schema) {
        this.schema = schema;
        List<ColumnSchema> columns = schema.columns();
        this.columnCount = columns.size();
        this.codec = new RowCodec(columns);
        this.columnNames = new String[columnCount];
        StringBuilder select = new StringBuilder("SELECT ");
        int fakeDelete = -1;
        int created = -1;
        int updated = -1;
        this.defaults = new Object[columnCount];
        for (int i = 0; i < columnCount; i++) {
            ColumnSchema c = columns.get(i);
            columnNames[i] = c.name();
            select.append(i == 0 ? "" : ",").append('`').append(c.name()).append('`');
            if (schema.softDelete() && c.fieldPath().equals("fakeDelete")) {
                fakeDelete = i;
            } else if (schema.createdAt() && c.fieldPath().equals("createdAt")) {
                created = i;
            } else if (schema.updatedAt() && c.fieldPath().equals("updatedAt")) {
                updated = i;
            }
            defaults[i] = defaultValue(c);
        }
        if (columnCount > FIELDS.length) {
            throw new FluxaException(schema.entityName() + " has more than " + FIELDS.length + " columns");
        }
        this.fakeDeleteIndex = fakeDelete;
        this.createdAtIndex = created;
        this.updatedAtIndex = updated;
        select.append(" FROM `").append(schema.table()).append('`');
        this.selectSql = select.toString();
        this.selectIdSql = "SELECT `" + columnNames[0] + "` FROM `" + schema.table() + "`";
        this.redisPool = schema.redisCache() == null ? null : schema.redisCache().pool();
        this.redisTtl = schema.redisCache() == null ? 0 : schema.redisCache().ttlSeconds();
        this.redisTtlArg = Integer.toString(redisTtl).getBytes(StandardCharsets.US_ASCII);
        this.localPool = schema.localCache() == null ? null : schema.localCache().pool();
        this.keyPrefix = schema.table() + ":" + schema.stamp() + ":";
        this.uniqueColumns = new int[schema.uniqueIndexes().size()][];
        for (int u = 0; u < uniqueColumns.length; u++) {
            List<String> names = schema.uniqueIndexes().get(u).columns();
            uniqueColumns[u] = new int[names.size()];
            for (int k = 0; k < names.size(); k++) {
                uniqueColumns[u][k] = columnIndex(names.get(k));
            }
        }
    }

    // ---- generated code implements these ---------------------------------------------------

    /** Creates the generated entity object around {@code row} (canonical values, ID at 0). */
    protected abstract E newInstance(Context context, long id, Object[] row, boolean isNew);

    /** The provider of the entity referenced by reference column {@code column}. */
    protected abstract EntityProvider<?> referencedProvider(int column);

    // ---- metadata ------------------------------------------------------------------------

    public EntitySchema schema() {
        return schema;
    }

    public String entityName() {
        return schema.entityName();
    }

    public String table() {
        return schema.table();
    }

    public String mysqlPool() {
        return schema.mysqlPool();
    }

    /** The local cache holding this entity's rows in {@code context}'s engine, or null when it has none. */
    final LocalCache localCache(Context context) {
        return localPool == null ? null : context.engine().localCache(localPool).forEntity(schema.table());
    }

    /** The Redis key of a cached row: {@code <table>:<stamp>:<id>}. */
    public String redisKey(long id) {
        return keyPrefix + id;
    }

    /** The Redis hash that maps values of a cached unique index to ids. */
    public String redisIndexKey(String indexName) {
        return keyPrefix + "u:" + indexName;
    }

    // ---- lifecycle callbacks --------------------------------------------------------------

    /** Callbacks per engine; weak so a closed, unreferenced engine does not stay in memory. */
    private final Map<Engine, EntityCallbacks<E>> callbacks = Collections.synchronizedMap(new WeakHashMap<>());

    /** Runs {@code callback} after every insert of this entity flushed on {@code engine}. */
    public void onAfterInsert(Engine engine, EntityCallbacks.AfterInsert<? super E> callback) {
        callbacks(engine).afterInsert.add(callback);
    }

    /** Runs {@code callback} after every update of this entity flushed on {@code engine}. */
    public void onAfterUpdate(Engine engine, EntityCallbacks.AfterUpdate<? super E> callback) {
        callbacks(engine).afterUpdate.add(callback);
    }

    /** Runs {@code callback} after every delete (also soft delete) of this entity flushed on {@code engine}. */
    public void onAfterDelete(Engine engine, EntityCallbacks.AfterDelete<? super E> callback) {
        callbacks(engine).afterDelete.add(callback);
    }

    /** Removes every callback registered for {@code engine}. */
    public void clearCallbacks(Engine engine) {
        callbacks.remove(engine);
    }

    private EntityCallbacks<E> callbacks(Engine engine) {
        return callbacks.computeIfAbsent(engine, e -> new EntityCallbacks<>());
    }

    /** The callbacks registered for the engine, or null when there are none (the common case). */
    EntityCallbacks<E> callbacksOf(Engine engine) {
        if (callbacks.isEmpty()) {
            return null;
        }
        EntityCallbacks<E> found = callbacks.get(engine);
        return found == null || found.isEmpty() ? null : found;
    }

    @SuppressWarnings("unchecked")
    void fireAfterInsert(Context context, EntityCallbacks<?> registered, AbstractEntity entity) {
        for (EntityCallbacks.AfterInsert<? super E> callback : ((EntityCallbacks<E>) registered).afterInsert) {
            callback.afterInsert(context, (E) entity);
        }
    }

    @SuppressWarnings("unchecked")
    void fireAfterUpdate(Context context, EntityCallbacks<?> registered, AbstractEntity entity,
            Map<String, Object> previous) {
        for (EntityCallbacks.AfterUpdate<? super E> callback : ((EntityCallbacks<E>) registered).afterUpdate) {
            callback.afterUpdate(context, (E) entity, previous);
        }
    }

    @SuppressWarnings("unchecked")
    void fireAfterDelete(Context context, EntityCallbacks<?> registered, AbstractEntity entity) {
        for (EntityCallbacks.AfterDelete<? super E> callback : ((EntityCallbacks<E>) registered).afterDelete) {
            callback.afterDelete(context, (E) entity);
        }
    }

    // ---- creating -------------------------------------------------------------------------

    /** A new entity with default values; inserted by the next flush. Its id is assigned on first use. */
    public E newEntity(Context context) {
        E entity = newInstance(context, 0, defaults.clone(), true);
        context.track(entity);
        return entity;
    }

    /** A new entity with a chosen id. */
    public E newEntity(Context context, long id) {
        if (id <= 0) {
            throw new FluxaException(entityName() + ": id must be positive, got " + id);
        }
        Object[] row = defaults.clone();
        row[0] = id;
        E entity = newInstance(context, id, row, true);
        entity.chosenId = true;
        context.track(entity);
        return entity;
    }

    // ---- reading by id --------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public Optional<E> getById(Context context, long id) {
        if (id <= 0) {
            return Optional.empty();
        }
        ContextCache cache = context.contextCache();
        if (cache.enabled()) {
            Object cached = cache.get(schema.table(), id);
            if (cached == ContextCache.NOT_FOUND) {
                return Optional.empty();
            }
            if (cached != null) {
                return Optional.of((E) cached); // the hot path: no collections allocated
            }
        }
        if (localPool != null) {
            LocalCache local = localCache(context);
            long start = System.nanoTime();
            Object row = local.get(new RowKey(this, id));
            if (row != null) {
                Logs.log(context.queryLogger(), QuerySource.LOCAL_CACHE, local.code(), "GET",
                        "GET " + schema.table() + " x1", start, false, null);
                if (row == ContextCache.NOT_FOUND) {
                    rememberNotFound(context, id);
                    return Optional.empty();
                }
                return Optional.of(remember(context, id, (Object[]) row));
            }
        }
        List<E> found = getByIds(context, new long[] {id});
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** @throws EntityNotFoundException when there is no row with this id */
    public E mustGetById(Context context, long id) {
        return getById(context, id).orElseThrow(() -> new EntityNotFoundException(entityName(), id));
    }

    /** The rows with these ids, in input order; missing ids are skipped and duplicates collapsed. */
    public List<E> getByIds(Context context, Collection<Long> ids) {
        long[] array = new long[ids.size()];
        int n = 0;
        for (Long id : ids) {
            array[n++] = id == null ? 0 : id;
        }
        return getByIds(context, array);
    }

    /** The rows with these ids, in input order; missing ids are skipped and duplicates collapsed. */
    public List<E> getByIds(Context context, long... ids) {
        if (ids.length == 0) {
            return List.of();
        }
        LinkedHashSet<Long> unique = new LinkedHashSet<>();
        for (long id : ids) {
            if (id > 0) {
                unique.add(id);
            }
        }
        Map<Long, E> found = load(context, unique);
        List<E> result = new ArrayList<>(found.size());
        for (Long id : unique) {
            E entity = found.get(id);
            if (entity != null) {
                result.add(entity);
            }
        }
        return result;
    }

    /** Resolves ids through every tier, filling the tiers that missed. Absent ids are not in the map. */
    @SuppressWarnings("unchecked")
    private Map<Long, E> load(Context context, Set<Long> ids) {
        Map<Long, E> found = new HashMap<>(ids.size() * 2);
        ContextCache contextCache = context.contextCache();
        boolean useContextCache = contextCache.enabled();
        List<Long> missing = new ArrayList<>(ids.size());
        String table = schema.table();
        for (Long id : ids) {
            Object cached = useContextCache ? contextCache.get(table, id) : null;
            if (cached == null) {
                missing.add(id);
            } else if (cached != ContextCache.NOT_FOUND) {
                found.put(id, (E) cached);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        LocalCache local = localCache(context);
        if (local != null) {
            missing = readLocal(context, local, missing, found);
            if (missing.isEmpty()) {
                return found;
            }
        }
        RedisPool redis = redisPool == null ? null : context.engine().redis(redisPool);
        if (redis != null) {
            missing = readRedis(context, redis, local, missing, found);
            if (missing.isEmpty()) {
                return found;
            }
        }
        readMySql(context, redis, local, missing, found);
        return found;
    }

    private List<Long> readLocal(Context context, LocalCache local, List<Long> ids, Map<Long, E> found) {
        long start = System.nanoTime();
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            Object cached = local.get(new RowKey(this, id));
            if (cached == null) {
                missing.add(id);
            } else if (cached == ContextCache.NOT_FOUND) {
                rememberNotFound(context, id);
            } else {
                found.put(id, remember(context, id, (Object[]) cached));
            }
        }
        Logs.log(context.queryLogger(), QuerySource.LOCAL_CACHE, local.code(), "GET",
                "GET " + schema.table() + " x" + ids.size(), start, !missing.isEmpty(), null);
        return missing;
    }

    private List<Long> readRedis(Context context, RedisPool redis, LocalCache local, List<Long> ids,
            Map<Long, E> found) {
        long start = System.nanoTime();
        RedisAsyncCommands<String, byte[]> async = redis.connection().async();
        List<RedisFuture<Map<String, byte[]>>> futures = new ArrayList<>(ids.size());
        for (Long id : ids) {
            futures.add(async.hgetall(redisKey(id)));
        }
        List<Long> missing = new ArrayList<>();
        try {
            for (int i = 0; i < futures.size(); i++) {
                Map<String, byte[]> hash = RedisCalls.await(redis, futures.get(i));
                Long id = ids.get(i);
                if (hash == null || hash.isEmpty()) {
                    missing.add(id);
                } else if (hash.containsKey(NOT_FOUND_FIELD)) {
                    rememberNotFound(context, id);
                    if (local != null) {
                        local.set(new RowKey(this, id), ContextCache.NOT_FOUND);
                    }
                } else if (hash.size() < columnCount - 1) {
                    missing.add(id); // partly written by a flush that found no cached row; complete it from MySQL
                } else {
                    Object[] row = decode(id, hash);
                    if (local != null) {
                        local.set(new RowKey(this, id), row);
                    }
                    found.put(id, remember(context, id, row));
                }
            }
        } catch (RuntimeException e) {
            Logs.log(context.queryLogger(), QuerySource.REDIS, redis.code(), "HGETALL", "HGETALL " + keyPrefix
                    + "* x" + ids.size(), start, true, e);
            throw e;
        }
        Logs.log(context.queryLogger(), QuerySource.REDIS, redis.code(), "HGETALL",
                "HGETALL " + keyPrefix + "* x" + ids.size(), start, !missing.isEmpty(), null);
        return missing;
    }

    private Object[] decode(long id, Map<String, byte[]> hash) {
        Object[] row = new Object[columnCount];
        row[0] = id;
        for (int i = 1; i < columnCount; i++) {
            row[i] = codec.unpack(i, hash.get(FIELDS[i]));
        }
        return row;
    }

    private void readMySql(Context context, RedisPool redis, LocalCache local, List<Long> ids, Map<Long, E> found) {
        List<Object[]> rows = new ArrayList<>(ids.size());
        // one IN (…) query per 10 000 ids keeps far below MySQL's 65 535 placeholders
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY));
            StringBuilder sql = new StringBuilder(selectSql).append(" WHERE `").append(columnNames[0])
                    .append("` IN (");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            sql.append(')');
            rows.addAll(queryRows(context, sql.toString(), new ArrayList<>(chunk)));
        }
        Map<Long, Object[]> byId = new HashMap<>(rows.size() * 2);
        for (Object[] row : rows) {
            byId.put((Long) row[0], row);
        }
        List<RedisFuture<Object>> fills = redis == null ? null : new ArrayList<>(ids.size());
        RedisAsyncCommands<String, byte[]> async = redis == null ? null : redis.connection().async();
        long start = System.nanoTime();
        for (Long id : ids) {
            Object[] row = byId.get(id);
            if (row == null) {
                rememberNotFound(context, id);
                if (local != null) {
                    local.set(new RowKey(this, id), ContextCache.NOT_FOUND);
                }
                if (async != null) {
                    fills.add(async.eval(FILL_NOT_FOUND, ScriptOutputType.INTEGER, new String[] {redisKey(id)},
                            redisTtlArg));
                }
            } else {
                if (local != null) {
                    local.set(new RowKey(this, id), row);
                }
                if (async != null) {
                    fills.add(async.eval(FILL_ROW, ScriptOutputType.INTEGER, new String[] {redisKey(id)},
                            fillArguments(row)));
                }
                found.put(id, remember(context, id, row));
            }
        }
        if (fills != null) {
            // not awaited: the fill adds no latency to the read, and later commands on the shared
            // connection run after it, so every later read sees it
            RedisCalls.inBackground(redis, fills);
            Logs.log(context.queryLogger(), QuerySource.REDIS, redis.code(), "FILL",
                    "EVAL fill-row " + keyPrefix + "* x" + ids.size(), start, false, null);
        }
    }

    private byte[][] fillArguments(Object[] row) {
        byte[][] args = new byte[(columnCount - 1) * 2 + 1][];
        byte[][] packed = codec.packRow(row);
        int a = 0;
        for (int i = 1; i < columnCount; i++) {
            args[a++] = FIELD_BYTES[i];
            args[a++] = packed[i];
        }
        args[a] = redisTtlArg;
        return args;
    }

    /** Wraps a loaded row in an entity and keeps it in the context cache. */
    private E remember(Context context, long id, Object[] row) {
        E entity = newInstance(context, id, row, false);
        ContextCache cache = context.contextCache();
        if (cache.enabled()) {
            cache.put(schema.table(), id, entity);
        }
        return entity;
    }

    private void rememberNotFound(Context context, long id) {
        ContextCache cache = context.contextCache();
        if (cache.enabled()) {
            cache.put(schema.table(), id, ContextCache.NOT_FOUND);
        }
    }

    /** A row read by a search: the context's instance when it already has one, else a new one. */
    @SuppressWarnings("unchecked")
    private E fromSearch(Context context, Object[] row) {
        long id = (Long) row[0];
        ContextCache cache = context.contextCache();
        if (cache.enabled()) {
            Object cached = cache.get(schema.table(), id);
            if (cached != null && cached != ContextCache.NOT_FOUND) {
                return (E) cached;
            }
        }
        return remember(context, id, row);
    }

    // ---- searching (MySQL) ----------------------------------------------------------------

    public List<E> search(Context context, Where where, Pager pager) {
        List<Object> params = new ArrayList<>();
        String sql = selectSql + condition(where, params) + orderAndLimit(where, pager, params);
        List<Object[]> rows = queryRows(context, sql, params);
        List<E> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            result.add(fromSearch(context, row));
        }
        return result;
    }

    public Optional<E> searchOne(Context context, Where where) {
        List<E> rows = search(context, where, Pager.first(1));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public SearchResult<E> searchWithCount(Context context, Where where, Pager pager) {
        return new SearchResult<>(search(context, where, pager), count(context, where));
    }

    public List<Long> searchIds(Context context, Where where, Pager pager) {
        List<Object> params = new ArrayList<>();
        String sql = selectIdSql + condition(where, params) + orderAndLimit(where, pager, params);
        List<Long> ids = new ArrayList<>();
        query(context, sql, params, rs -> {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return null;
        });
        return ids;
    }

    public SearchResult<Long> searchIdsWithCount(Context context, Where where, Pager pager) {
        return new SearchResult<>(searchIds(context, where, pager), count(context, where));
    }

    /** Number of rows matching {@code where} (soft-deleted rows excluded unless it opts in). */
    public long count(Context context, Where where) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM `" + schema.table() + "`" + condition(where, params);
        return query(context, sql, params, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    private String condition(Where where, List<Object> params) {
        String user = where == null ? "" : where.sql().trim();
        boolean excludeDeleted = fakeDeleteIndex >= 0 && (where == null || !where.includesFakeDeleted());
        StringBuilder sql = new StringBuilder();
        if (!user.isEmpty()) {
            sql.append(" WHERE (").append(expand(user, where.parameters(), params)).append(')');
        }
        if (excludeDeleted) {
            sql.append(sql.length() == 0 ? " WHERE " : " AND ").append('`').append(columnNames[fakeDeleteIndex])
                    .append("` = 0");
        }
        return sql.toString();
    }

    private static String orderAndLimit(Where where, Pager pager, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (where != null && where.orderByClause() != null && !where.orderByClause().isBlank()) {
            sql.append(" ORDER BY ").append(where.orderByClause());
        }
        if (pager != null) {
            sql.append(" LIMIT ?, ?");
            params.add(pager.offset());
            params.add((long) pager.size());
        }
        return sql.toString();
    }

    /**
     * Binds {@code ?} placeholders (outside quotes) to parameters, expanding a collection parameter
     * into {@code (?, ?, …)}.
     */
    static String expand(String sql, List<Object> given, List<Object> out) {
        StringBuilder b = new StringBuilder(sql.length() + 16);
        int next = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
                b.append(ch);
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
                b.append(ch);
            } else if (ch == '?') {
                if (next >= given.size()) {
                    throw new FluxaException("Where has more ? placeholders than parameters: " + sql);
                }
                Object value = given.get(next++);
                if (value instanceof Collection<?> many) {
                    if (many.isEmpty()) {
                        b.append("(NULL)");
                    } else {
                        b.append('(');
                        int k = 0;
                        for (Object item : many) {
                            b.append(k++ == 0 ? "?" : ",?");
                            out.add(item);
                        }
                        b.append(')');
                    }
                } else {
                    b.append('?');
                    out.add(value);
                }
            } else {
                b.append(ch);
            }
        }
        if (next != given.size()) {
            throw new FluxaException("Where has " + given.size() + " parameters but " + next
                    + " ? placeholders: " + sql);
        }
        return b.toString();
    }

    // ---- unique indexes -------------------------------------------------------------------

    /**
     * The row whose unique index {@code indexNumber} (declaration order) holds {@code values}
     * (canonical column values). Soft-deleted rows are not found. A cached index is resolved through
     * Redis first; every answer from Redis is checked against the row before it is trusted.
     */
    protected Optional<E> getByUniqueIndex(Context context, int indexNumber, Object... given) {
        UniqueIndexSchema index = schema.uniqueIndexes().get(indexNumber);
        int[] columns = uniqueColumns[indexNumber];
        Object[] values = new Object[given.length];
        for (int k = 0; k < given.length; k++) {
            values[k] = canonical(columns[k], given[k]);
            if (values[k] == null) {
                return Optional.empty();
            }
        }
        RedisPool redis = index.cached() && redisPool != null ? context.engine().redis(redisPool) : null;
        String field = indexField(values);
        if (redis != null) {
            long start = System.nanoTime();
            byte[] cachedId = RedisCalls.await(redis, redis.connection().async().hget(redisIndexKey(index.name()), field));
            Logs.log(context.queryLogger(), QuerySource.REDIS, redis.code(), "HGET",
                    "HGET " + redisIndexKey(index.name()) + " " + field, start, cachedId == null, null);
            if (cachedId != null) {
                long id = Long.parseLong(new String(cachedId, StandardCharsets.US_ASCII));
                Optional<E> entity = getById(context, id);
                if (entity.isPresent() && matches(entity.get(), columns, values) && !isSoftDeleted(entity.get())) {
                    return entity;
                }
            }
        }
        StringBuilder sql = new StringBuilder(selectSql).append(" WHERE ");
        List<Object> params = new ArrayList<>(values.length);
        for (int k = 0; k < columns.length; k++) {
            sql.append(k == 0 ? "`" : " AND `").append(columnNames[columns[k]]).append("` = ?");
            params.add(new Typed(columns[k], values[k]));
        }
        if (fakeDeleteIndex >= 0) {
            sql.append(" AND `").append(columnNames[fakeDeleteIndex]).append("` = 0");
        }
        sql.append(" LIMIT 1");
        List<Object[]> rows = queryRows(context, sql.toString(), params);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        E entity = fromSearch(context, rows.get(0));
        if (redis != null) {
            long start = System.nanoTime();
            RedisCalls.inBackground(redis, List.of(redis.connection().async().hset(redisIndexKey(index.name()), field,
                    Long.toString(entity.id).getBytes(StandardCharsets.US_ASCII))));
            Logs.log(context.queryLogger(), QuerySource.REDIS, redis.code(), "FILL",
                    "HSET " + redisIndexKey(index.name()) + " " + field, start, false, null);
        }
        return Optional.of(entity);
    }

    /** Brings a lookup value into the column's canonical form (as setters store it). */
    private Object canonical(int column, Object value) {
        if (value == null) {
            return null;
        }
        byte type = RowCodec.typeOf(schema.columns().get(column));
        if (value instanceof DatabaseEnum e) {
            return e.databaseValue();
        }
        if (type == RowCodec.LONG && value instanceof Number n) {
            return n.longValue();
        }
        if (type == RowCodec.DECIMAL && value instanceof Number n) {
            return RowCodec.decimal(schema.columns().get(column), n);
        }
        if (type == RowCodec.DOUBLE && value instanceof Number n) {
            return n.doubleValue();
        }
        if (type == RowCodec.FLOAT && value instanceof Number n) {
            return (double) n.floatValue();
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        if (value instanceof LocalDateTime time) {
            return time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        if (type == RowCodec.STRING && value instanceof String s && s.isEmpty()
                && schema.columns().get(column).nullable()) {
            return null;
        }
        return value;
    }

    private static boolean matches(AbstractEntity entity, int[] columns, Object[] values) {
        for (int k = 0; k < columns.length; k++) {
            if (!AbstractEntity.same(entity.values[columns[k]], values[k])) {
                return false;
            }
        }
        return true;
    }

    boolean isSoftDeleted(AbstractEntity entity) {
        return fakeDeleteIndex >= 0 && Boolean.TRUE.equals(entity.values[fakeDeleteIndex]);
    }

    /** The hash field of a unique index value tuple, or null when a value is null (NULLs never collide). */
    static String indexField(Object[] values) {
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

    /** The index field of an entity's unique index from a row (loaded or current values). */
    String indexField(int indexNumber, Object[] row) {
        int[] columns = uniqueColumns[indexNumber];
        Object[] values = new Object[columns.length];
        for (int k = 0; k < columns.length; k++) {
            values[k] = row[columns[k]];
        }
        return indexField(values);
    }

    // ---- references -----------------------------------------------------------------------

    /**
     * Preloads references of {@code entities} in batches so later {@code getX()} calls are answered
     * from the context cache: one lookup per tier per level. Paths name reference fields, nested
     * with {@code /} ({@code "category/parent"}); {@code "*"} means every reference at that level.
     * Needs the context cache (on by default).
     */
    public void loadReferences(Context context, Collection<? extends E> entities, String... paths) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String path : paths) {
            Map<String, Object> node = tree;
            for (String part : path.split("/")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(part.trim(),
                        k -> new LinkedHashMap<String, Object>());
                node = child;
            }
        }
        loadLevel(context, this, new ArrayList<AbstractEntity>(entities), tree);
    }

    @SuppressWarnings("unchecked")
    private static void loadLevel(Context context, EntityProvider<?> provider, List<AbstractEntity> entities,
            Map<String, Object> tree) {
        if (entities.isEmpty() || tree.isEmpty()) {
            return;
        }
        Map<Integer, Map<String, Object>> columns = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            Map<String, Object> children = (Map<String, Object>) entry.getValue();
            if (entry.getKey().equals("*")) {
                for (int i = 1; i < provider.columnCount; i++) {
                    if (provider.schema.columns().get(i).kind() == ColumnKind.REFERENCE) {
                        columns.merge(i, children, EntityProvider::mergeTrees);
                    }
                }
            } else {
                columns.merge(provider.referenceColumn(entry.getKey()), children, EntityProvider::mergeTrees);
            }
        }
        for (Map.Entry<Integer, Map<String, Object>> entry : columns.entrySet()) {
            int column = entry.getKey();
            LinkedHashSet<Long> ids = new LinkedHashSet<>();
            for (AbstractEntity entity : entities) {
                Object id = entity.values[column];
                if (id != null) {
                    ids.add((Long) id);
                }
            }
            EntityProvider<?> target = provider.referencedProvider(column);
            List<AbstractEntity> loaded = new ArrayList<>(target.getByIds(context, ids));
            loadLevel(context, target, loaded, entry.getValue());
        }
    }

    private static Map<String, Object> mergeTrees(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> merged = new LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }

    int referenceColumn(String field) {
        List<String> known = new ArrayList<>();
        for (int i = 1; i < columnCount; i++) {
            ColumnSchema c = schema.columns().get(i);
            if (c.kind() == ColumnKind.REFERENCE) {
                if (c.fieldPath().equals(field) || c.name().equalsIgnoreCase(field)) {
                    return i;
                }
                known.add(c.fieldPath());
            }
        }
        throw new FluxaException(entityName() + " has no reference field '" + field + "' to load; references: "
                + known + " (or \"*\")");
    }

    // ---- SQL helpers ----------------------------------------------------------------------

    /** A parameter bound with a column's own codec (canonical value). */
    record Typed(int column, Object value) {
    }

    @FunctionalInterface
    interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    List<Object[]> queryRows(Context context, String sql, List<Object> params) {
        return query(context, sql, params, rs -> {
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(codec.read(rs));
            }
            return rows;
        });
    }

    <T> T query(Context context, String sql, List<Object> params, ResultReader<T> reader) {
        MySqlPool pool = context.engine().db(schema.mysqlPool());
        long start = System.nanoTime();
        try (Connection connection = pool.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Typed typed) {
                    codec.bind(statement, i + 1, typed.column(), typed.value());
                } else {
                    RowCodec.bindParameter(statement, i + 1, p);
                }
            }
            T result;
            try (ResultSet rs = statement.executeQuery()) {
                result = reader.read(rs);
            }
            Logs.log(context.queryLogger(), QuerySource.MYSQL, pool.code(), "SELECT", sql, start, false, null);
            return result;
        } catch (SQLException e) {
            Logs.log(context.queryLogger(), QuerySource.MYSQL, pool.code(), "SELECT", sql, start, false, e);
            throw SqlErrors.translate(this, e, sql);
        }
    }

    // ---- ids ------------------------------------------------------------------------------

    IdGenerator ids() {
        return IdGenerator.INSTANCE;
    }

    /** The Redis pool holding the id counter: the entity's cache pool, else the default pool. */
    RedisPool idPool(Context context) {
        return context.engine().redis(redisPool != null ? redisPool : Registry.DEFAULT_POOL);
    }

    int columnIndex(String name) {
        for (int i = 0; i < columnCount; i++) {
            if (columnNames[i].equals(name)) {
                return i;
            }
        }
        throw new FluxaException(entityName() + ": schema names unknown column " + name);
    }

    private static Object defaultValue(ColumnSchema c) {
        if (c.nullable()) {
            return null;
        }
        return switch (c.kind()) {
            case ID, INT8, INT16, INT24, INT32, INT64 -> 0L;
            case REFERENCE -> null;
            case BOOLEAN -> Boolean.FALSE;
            case FLOAT32, FLOAT64 -> 0.0d;
            case DECIMAL -> java.math.BigDecimal.ZERO.setScale(c.scale());
            case STRING, TEXT, SET -> "";
            case ENUM -> c.values().isEmpty() ? "" : c.values().get(0);
            case DATE -> LocalDate.of(1970, 1, 1);
            case DATETIME -> RowCodec.typeOf(c) == RowCodec.LOCAL_DATE_TIME
                    ? LocalDateTime.of(1970, 1, 1, 0, 0)
                    : Instant.EPOCH;
            case BINARY -> new byte[0];
        };
    }

    private static byte[][] fieldBytes(String[] names) {
        byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }

    private static String[] fieldNames(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = Integer.toString(i);
        }
        return names;
    }
}
