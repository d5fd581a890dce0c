package io.fluxa.engine;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;

import io.fluxa.cache.CaffeineLocalCache;
import io.fluxa.cache.IdBlocks;
import io.fluxa.cache.IdPrefetch;
import io.fluxa.cache.IdsAhead;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheChannel;
import io.fluxa.LocalCacheInvalidation;
import io.fluxa.async.AsyncFlush;
import io.fluxa.flush.FlushCallbacks;
import io.fluxa.FlushObserver;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.flush.LocalCacheBroadcast;
import io.fluxa.log.DispatchingQueryLogger;
import io.fluxa.log.QueryLogRegistration;
import io.fluxa.mysql.HikariMySqlPool;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.LettuceRedisPool;
import io.fluxa.redis.RedisAddress;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.SchemaManager;
import io.fluxa.search.SearchIndexStep;
import io.fluxa.stream.DirtyStreamStep;
import io.fluxa.stream.EventBroker;
import io.fluxa.stream.RedisEventBroker;
import io.fluxa.stream.StreamRegistrations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link Engine}: immutable after {@link #start}, safe to share between threads. */
public final class EngineImpl implements Engine {


    private final Map<String, HikariMySqlPool> mysql = new LinkedHashMap<>();
    private final Map<String, LettuceRedisPool> redis = new LinkedHashMap<>();
    private final Map<String, LocalCache> localCaches = new LinkedHashMap<>();
    private Map<String, String> streams;
    private RedisEventBroker eventBroker;
    private volatile LocalCacheChannel localCacheChannel;
    private final Map<String, EntitySchema> entities = new LinkedHashMap<>();
    private final Map<String, Object> options;
    private final List<QueryLogRegistration> queryLogHandlers;
    private final DispatchingQueryLogger engineLogger;
    private final FlushCallbacks flushCallbacks = new FlushCallbacks();
    private final FlushExecutor flushExecutor;
    private final AsyncFlush asyncFlush;
    private final SchemaManager schema;
    private final Instrumentation instrumentation;
    private final IdsAhead idsAhead;

    private EngineImpl(EngineSettings registry) {
        this.streams = Map.copyOf(registry.streams());
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(registry.options()));
        this.queryLogHandlers = List.copyOf(registry.queryLogHandlers());
        this.instrumentation = registry.instrumentation();
        this.engineLogger = new DispatchingQueryLogger(queryLogHandlers, Map::of);
        this.idsAhead = registry.idBlockSize() > 1 ? new IdBlocks(registry.idBlockSize()) : new IdPrefetch();
        this.asyncFlush = new AsyncFlush(this, this::flushExecutor, () -> localCacheChannel);
        this.flushExecutor = new FlushExecutor(flushCallbacks, List.of(new LocalCacheBroadcast(() -> localCacheChannel),
                new SearchIndexStep(), new DirtyStreamStep()), asyncFlush.sink(), idsAhead);
        for (EntityModel model : registry.models()) {
            for (EntitySchema entity : model.schema().entities()) {
                entities.putIfAbsent(entity.entityName(), entity);
            }
        }
        Map<String, List<String>> ignored = new LinkedHashMap<>();
        Map<String, String> collations = new LinkedHashMap<>();
        for (EngineSettings.MySqlPool c : registry.mysqlPools().values()) {
            ignored.put(c.code(), c.options().ignoredTables());
            if (c.options().defaultCollation() != null) {
                collations.put(c.code(), c.options().defaultCollation());
            }
        }
        this.schema = new EngineSchema(entities, mysql, ignored, collations);
    }

    public static EngineImpl start(EngineSettings registry) {
        EngineImpl engine = new EngineImpl(registry);
        try {
            engine.checkEntityPools(registry);
            PoolConnector connector = new PoolConnector(engine.engineLogger, engine.instrumentation);
            for (Map.Entry<String, Long> e : registry.localCaches().entrySet()) {
                engine.localCaches.put(e.getKey(), new CaffeineLocalCache(e.getKey(), e.getValue(),
                        engine.entityCacheSizes(e.getKey())));
            }
            for (EngineSettings.MySqlPool c : registry.mysqlPools().values()) {
                engine.mysql.put(c.code(), connector.connectMySql(c));
            }
            for (Map.Entry<String, RedisAddress> e : registry.redisPools().entrySet()) {
                engine.redis.put(e.getKey(), connector.connectRedis(e.getKey(), e.getValue(),
                        registry.redisSettings(e.getKey())));
            }
            engine.startLocalCacheChannel(registry.localCacheInvalidation());
            engine.startEventBroker(registry);
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The broker over the registered streams and those of {@code @DirtyStream}s; creates their groups. */
    private void startEventBroker(EngineSettings registry) {
        Map<String, String> all = StreamRegistrations.withDirtyStreams(registry.streams(), entities.values(),
                registry.redisPools().keySet());
        streams = Map.copyOf(all);
        eventBroker = new RedisEventBroker(all, registry.streamOptions(), this::redis, registry.eventCodecs());
        eventBroker.createGroups();
    }

    /**
     * Subscribes to the cross-node invalidation channel when some entity has {@code @LocalCache} and
     * a Redis pool can carry it (see {@link LocalCacheChannel}).
     */
    private void startLocalCacheChannel(LocalCacheInvalidation settings) {
        if (settings == null || !settings.enabled()) {
            return;
        }
        Map<String, LocalCache> cacheByTable = new LinkedHashMap<>();
        for (EntitySchema e : entities.values()) {
            if (e.localCache() != null) {
                cacheByTable.put(e.table(), localCaches.get(e.localCache().pool()).forEntity(e.table()));
            }
        }
        if (cacheByTable.isEmpty()) {
            return;
        }
        String code = settings.redisPool();
        if (code == null) {
            if (redis.isEmpty()) {
                return; // nothing to carry it: a single instance, or Redis-less local caches
            }
            code = redis.containsKey(Registry.DEFAULT_POOL) || redis.size() > 1 ? Registry.DEFAULT_POOL
                    : redis.keySet().iterator().next();
        }
        if (!redis.containsKey(code)) {
            throw new FluxaConfigException("fluxa.local-cache-invalidation.redis-pool: " + (settings.redisPool() == null
                    ? "there is no Redis pool 'default' to carry the local cache invalidations and several others are "
                    + "registered (" + String.join(", ", redis.keySet()) + "); name one"
                    : "Redis pool '" + code + "' is not registered; registered: " + String.join(", ", redis.keySet()))
                    + ", or set fluxa.local-cache-invalidation.enabled=false");
        }
        List<CaffeineLocalCache> caches = new ArrayList<>();
        for (LocalCache cache : localCaches.values()) {
            if (cache instanceof CaffeineLocalCache caffeine) {
                caches.add(caffeine);
            }
        }
        localCacheChannel = LocalCacheChannel.start(redis.get(code), cacheByTable, caches, settings.pingInterval());
    }

    /** The cross-node local cache invalidation channel, or null when this engine runs none. */
    public LocalCacheChannel localCacheChannel() {
        return localCacheChannel;
    }

    /** Tables of the entities in local cache pool {@code pool} that set a size of their own. */
    private Map<String, Long> entityCacheSizes(String pool) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (EntitySchema e : entities.values()) {
            if (e.localCache() != null && e.localCache().pool().equals(pool) && e.localCache().size() > 0) {
                sizes.put(e.table(), (long) e.localCache().size());
            }
        }
        return sizes;
    }

    private void checkEntityPools(EngineSettings registry) {
        for (EntitySchema e : entities.values()) {
            if (!registry.mysqlPools().containsKey(e.mysqlPool())) {
                throw new FluxaConfigException("entity " + e.entityName() + " uses MySQL pool '" + e.mysqlPool()
                        + "', which is not registered; add fluxa.pools." + e.mysqlPool() + ".mysql");
            }
            if (e.redisCache() != null && !registry.redisPools().containsKey(e.redisCache().pool())) {
                throw new FluxaConfigException("entity " + e.entityName() + " is cached in Redis pool '"
                        + e.redisCache().pool() + "', which is not registered; add fluxa.pools."
                        + e.redisCache().pool() + ".redis");
            }
            if (e.localCache() != null && !registry.localCaches().containsKey(e.localCache().pool())) {
                throw new FluxaConfigException("entity " + e.entityName() + " is cached in local cache pool '"
                        + e.localCache().pool() + "', which is not registered; add fluxa.pools."
                        + e.localCache().pool() + ".local-cache");
            }
        }
    }

    // ---- Engine ------------------------------------------------------------------------------

    @Override
    public Context newContext() {
        return new ContextImpl(this);
    }

    @Override
    public MySqlPool db(String code) {
        HikariMySqlPool pool = mysql.get(code);
        if (pool == null) {
            throw unknown("MySQL", code, mysql.keySet());
        }
        return pool;
    }

    @Override
    public RedisPool redis(String code) {
        LettuceRedisPool pool = redis.get(code);
        if (pool == null) {
            throw unknown("Redis", code, redis.keySet());
        }
        return pool;
    }

    @Override
    public LocalCache localCache(String code) {
        LocalCache cache = localCaches.get(code);
        if (cache == null) {
            throw unknown("local cache", code, localCaches.keySet());
        }
        return cache;
    }

    private static PoolUnavailableException unknown(String kind, String code, Collection<String> known) {
        return new PoolUnavailableException(code, "no " + kind + " pool '" + code + "' is registered"
                + (known.isEmpty() ? "" : "; registered: " + String.join(", ", known)));
    }

    @Override
    public Collection<MySqlPool> dbPools() {
        return List.copyOf(mysql.values());
    }

    @Override
    public Collection<RedisPool> redisPools() {
        return List.copyOf(redis.values());
    }

    @Override
    public Collection<LocalCache> localCaches() {
        return List.copyOf(localCaches.values());
    }

    /** Registered stream names and the Redis pool each lives on. */
    public Map<String, String> streams() {
        return streams;
    }

    @Override
    public SchemaManager schema() {
        return schema;
    }

    @Override
    public EntitySchema entity(String entityName) {
        EntitySchema e = entities.get(entityName);
        if (e == null) {
            throw new FluxaException("no entity '" + entityName + "' is registered; register its model with "
                    + "Registry.registerModel(...)");
        }
        return e;
    }

    @Override
    public Object option(String key) {
        return options.get(key);
    }

    @Override
    public Map<String, Object> options() {
        return options;
    }

    @Override
    public AsyncFlush asyncFlush() {
        return asyncFlush;
    }

    @Override
    public EventBroker eventBroker() {
        return eventBroker;
    }

    @Override
    public void close() {
        if (localCacheChannel != null) {
            localCacheChannel.close();
        }
        if (eventBroker != null) {
            eventBroker.close();
        }
        for (LettuceRedisPool pool : redis.values()) {
            pool.close();
        }
        for (HikariMySqlPool pool : mysql.values()) {
            pool.close();
        }
        for (LocalCache cache : localCaches.values()) {
            cache.clear();
        }
    }

    // ---- for contexts --------------------------------------------------------------------------

    List<QueryLogRegistration> queryLogHandlers() {
        return queryLogHandlers;
    }

    HikariMySqlPool mysqlPool(String code) {
        return (HikariMySqlPool) db(code);
    }

    LettuceRedisPool redisPool(String code) {
        return (LettuceRedisPool) redis(code);
    }

    /** The registered flush observer, or null. */
    FlushObserver flushObserver() {
        return instrumentation.flushObserver();
    }

    FlushExecutor flushExecutor() {
        return flushExecutor;
    }

    /** The lifecycle callbacks registered on this engine (through the generated providers). */
    public FlushCallbacks flushCallbacks() {
        return flushCallbacks;
    }

    @Override
    public void forgetReservedIds() {
        idsAhead.clear();
    }

    /** How this engine reserves ids before its flushes need them: id blocks, or one id for a busy table. */
    public IdsAhead idsAhead() {
        return idsAhead;
    }
}
