package io.fluxa.orm;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityNotFoundException;
import io.fluxa.FluxaException;
import io.fluxa.Pager;
import io.fluxa.SearchResult;
import io.fluxa.Where;
import io.fluxa.cache.RedisRowCache;
import io.fluxa.engine.EngineImpl;
import io.fluxa.flush.FlushCallbacks;
import io.fluxa.read.ByIdReader;
import io.fluxa.read.EntitySearch;
import io.fluxa.read.ReferenceLoader;
import io.fluxa.read.UniqueIndexLookup;
import io.fluxa.redis.RedisPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.schema.EntitySchema;
import io.fluxa.search.RedisSearch;
import io.fluxa.search.RedisSearchWhere;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Base class of every generated provider: reads (context cache → local cache → Redis → MySQL),
 * searches, unique-index lookups, reference preloading and lifecycle callbacks of one entity type.
 * A thin, typed façade over the read path ({@code io.fluxa.read}), the caches ({@code io.fluxa.cache})
 * and the flush ({@code io.fluxa.flush}). Stateless and thread-safe; every method takes the
 * {@link Context} of the unit of work first.
 */
public abstract class EntityProvider<E extends AbstractEntity> {

    private final EntityType type;

    protected EntityProvider(EntitySchema schema) {
        this.type = new EntityType(schema, (context, id, row, isNew) -> newInstance(context, id, row, isNew).state,
                column -> referencedProvider(column).type);
    }

    // ---- generated code implements these ---------------------------------------------------

    /** Creates the generated entity object around {@code row} (canonical values, ID at 0). */
    protected abstract E newInstance(Context context, long id, Object[] row, boolean isNew);

    /** The provider of the entity referenced by reference column {@code column}. */
    protected abstract EntityProvider<?> referencedProvider(int column);

    // ---- metadata ------------------------------------------------------------------------

    public EntitySchema schema() {
        return type.schema();
    }

    public String entityName() {
        return type.entityName();
    }

    public String table() {
        return type.table();
    }

    public String mysqlPool() {
        return type.mysqlPool();
    }

    /** The entity type behind this provider (for the runtime's own packages). */
    EntityType type() {
        return type;
    }

    /** The Redis key of a cached row, without a pool key prefix (see {@link #redisKey(Engine, long)}). */
    public String redisKey(long id) {
        return RedisRowCache.rowKey("", type, id);
    }

    /** The Redis key of a cached row on the entity's Redis pool in {@code engine}, key prefix included. */
    public String redisKey(Engine engine, long id) {
        return RedisRowCache.rowKey(RedisRowCache.prefix(cachePool(engine)), type, id);
    }

    /** The Redis hash mapping values of a cached unique index to ids, without a pool key prefix. */
    public String redisIndexKey(String indexName) {
        for (int u = 0; u < type.uniqueIndexCount(); u++) {
            if (type.schema().uniqueIndexes().get(u).name().equals(indexName)) {
                return RedisRowCache.indexKey("", type, u);
            }
        }
        throw new FluxaException(entityName() + " has no unique index '" + indexName + "'");
    }

    private RedisPool cachePool(Engine engine) {
        if (type.redisPool() == null) {
            throw new FluxaException(entityName() + " is not cached in Redis (no @RedisCache)");
        }
        return engine.redis(type.redisPool());
    }

    // ---- lifecycle callbacks --------------------------------------------------------------

    /** Runs {@code callback} after every insert of this entity flushed on {@code engine}. */
    @SuppressWarnings("unchecked")
    public void onAfterInsert(Engine engine, EntityCallbacks.AfterInsert<? super E> callback) {
        callbacks(engine).add(type, FlushCallbacks.Event.INSERT,
                (context, entity, previous) -> callback.afterInsert(context, (E) entity));
    }

    /** Runs {@code callback} after every update of this entity flushed on {@code engine}. */
    @SuppressWarnings("unchecked")
    public void onAfterUpdate(Engine engine, EntityCallbacks.AfterUpdate<? super E> callback) {
        callbacks(engine).add(type, FlushCallbacks.Event.UPDATE,
                (context, entity, previous) -> callback.afterUpdate(context, (E) entity, previous));
    }

    /** Runs {@code callback} after every delete (also soft delete) of this entity flushed on {@code engine}. */
    @SuppressWarnings("unchecked")
    public void onAfterDelete(Engine engine, EntityCallbacks.AfterDelete<? super E> callback) {
        callbacks(engine).add(type, FlushCallbacks.Event.DELETE,
                (context, entity, previous) -> callback.afterDelete(context, (E) entity));
    }

    /** Removes every callback of this entity registered on {@code engine}. */
    public void clearCallbacks(Engine engine) {
        callbacks(engine).clear(type);
    }

    private static FlushCallbacks callbacks(Engine engine) {
        if (engine instanceof EngineImpl impl) {
            return impl.flushCallbacks();
        }
        throw new FluxaException("lifecycle callbacks need an engine made by Registry.validate(), got "
                + engine.getClass().getName());
    }

    // ---- creating -------------------------------------------------------------------------

    /** A new entity with default values; inserted by the next flush. Its id is assigned on first use. */
    public E newEntity(Context context) {
        E entity = newInstance(context, 0, type.newRow(), true);
        context.track(entity.state);
        return entity;
    }

    /** A new entity with a chosen id. */
    public E newEntity(Context context, long id) {
        if (id <= 0) {
            throw new FluxaException(entityName() + ": id must be positive, got " + id);
        }
        Object[] row = type.newRow();
        row[0] = id;
        E entity = newInstance(context, id, row, true);
        entity.state.setChosenId(true);
        context.track(entity.state);
        return entity;
    }

    // ---- reading by id --------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public Optional<E> getById(Context context, long id) {
        return Optional.ofNullable((E) ByIdReader.getById(context, type, id));
    }

    /** @throws EntityNotFoundException when there is no row with this id */
    @SuppressWarnings("unchecked")
    public E mustGetById(Context context, long id) {
        E entity = (E) ByIdReader.getById(context, type, id);
        if (entity == null) {
            throw new EntityNotFoundException(entityName(), id);
        }
        return entity;
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
    @SuppressWarnings("unchecked")
    public List<E> getByIds(Context context, long... ids) {
        return (List<E>) (List<?>) ByIdReader.getByIds(context, type, ids);
    }

    // ---- searching (MySQL) ----------------------------------------------------------------

    @SuppressWarnings("unchecked")
    public List<E> search(Context context, Where where, Pager pager) {
        return (List<E>) (List<?>) EntitySearch.search(context, type, where, pager);
    }

    public Optional<E> searchOne(Context context, Where where) {
        List<E> rows = search(context, where, Pager.first(1));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public SearchResult<E> searchWithCount(Context context, Where where, Pager pager) {
        return new SearchResult<>(search(context, where, pager), count(context, where));
    }

    public List<Long> searchIds(Context context, Where where, Pager pager) {
        return EntitySearch.searchIds(context, type, where, pager);
    }

    public SearchResult<Long> searchIdsWithCount(Context context, Where where, Pager pager) {
        return new SearchResult<>(searchIds(context, where, pager), count(context, where));
    }

    /** Number of rows matching {@code where} (soft-deleted rows excluded unless it opts in). */
    public long count(Context context, Where where) {
        return EntitySearch.count(context, type, where);
    }

    // ---- searching (Redis) ----------------------------------------------------------------

    /**
     * The entities matching {@code where} on the page, found in the entity's Redis search index
     * ({@code @Searchable} fields) and read with {@link #getByIds}, so the cache tiers serve them.
     * One Redis script call finds the ids. A pager of null returns every match.
     *
     * @throws FluxaException when the entity has no {@code @Searchable} field, or {@code where} names a
     *     column that is not searchable, sorts by one that is not {@code @Sortable}, or has a value of
     *     the wrong type (nothing is sent then)
     */
    public List<E> redisSearch(Context context, RedisSearchWhere where, Pager pager) {
        return getByIds(context, redisSearchIds(context, where, pager));
    }

    /** {@link #redisSearch} and the number of all matching rows (from the same script call). */
    public SearchResult<E> redisSearchWithCount(Context context, RedisSearchWhere where, Pager pager) {
        SearchResult<Long> ids = redisSearchIdsWithCount(context, where, pager);
        return new SearchResult<>(getByIds(context, ids.rows()), ids.total());
    }

    /** The ids matching {@code where} on the page, in the query's order. */
    public List<Long> redisSearchIds(Context context, RedisSearchWhere where, Pager pager) {
        return redisSearchIdsWithCount(context, where, pager).rows();
    }

    /** The ids on the page and the number of all matching rows. */
    public SearchResult<Long> redisSearchIdsWithCount(Context context, RedisSearchWhere where, Pager pager) {
        return RedisSearch.searchIds(context, type, where, pager);
    }

    /** The number of rows matching {@code where} in the Redis search index. */
    public long redisSearchCount(Context context, RedisSearchWhere where) {
        return RedisSearch.count(context, type, where);
    }

    /**
     * Rebuilds the entity's Redis search index from MySQL in batches while searches keep using the
     * current one, then switches to the new one. Returns the number of rows indexed.
     */
    public long redisReindex(Engine engine) {
        return RedisSearch.reindex(engine, type);
    }

    // ---- unique indexes -------------------------------------------------------------------

    /**
     * The row whose unique index {@code indexNumber} (declaration order) holds {@code values}
     * (canonical column values or generated enum constants). Soft-deleted rows are not found. A
     * cached index is resolved through Redis first; every answer from Redis is checked against the
     * row before it is trusted.
     */
    @SuppressWarnings("unchecked")
    protected Optional<E> getByUniqueIndex(Context context, int indexNumber, Object... values) {
        Object[] given = new Object[values.length];
        for (int k = 0; k < values.length; k++) {
            given[k] = values[k] instanceof DatabaseEnum e ? e.databaseValue() : values[k];
        }
        return Optional.ofNullable((E) UniqueIndexLookup.find(context, type, indexNumber, given,
                EntityProvider::stateOf));
    }

    // ---- references -----------------------------------------------------------------------

    /**
     * Preloads references of {@code entities} in batches so later {@code getX()} calls are answered
     * from the context cache: one lookup per tier per level. Paths name reference fields, nested
     * with {@code /} ({@code "category/parent"}); {@code "*"} means every reference at that level.
     * Needs the context cache (on by default).
     */
    public void loadReferences(Context context, Collection<? extends E> entities, String... paths) {
        ReferenceLoader.load(context, type, new ArrayList<>(entities), paths, EntityProvider::stateOf);
    }

    private static EntityState stateOf(Object entity) {
        return ((AbstractEntity) entity).state;
    }
}
