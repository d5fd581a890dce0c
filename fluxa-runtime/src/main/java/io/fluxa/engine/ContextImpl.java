package io.fluxa.engine;

import io.fluxa.Context;
import io.fluxa.Engine;

import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.TtlContextCache;
import io.fluxa.row.EntityState;
import io.fluxa.row.Flushable;
import io.fluxa.log.DispatchingQueryLogger;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.log.QueryLogRegistration;
import io.fluxa.log.QueryLogger;
import io.fluxa.mysql.DatabasePipeline;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.stream.EventBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link Context}. Creating one allocates this object only: it is its own context cache (it
 * extends {@link TtlContextCache}, whose first entry lives in fields), the set of tracked entities and
 * the metadata map are created on first use, and the query logger only when somebody listens
 * (engine-level handlers, {@link #registerQueryLogger}, debug). Many contexts live for one read.
 */
final class ContextImpl extends TtlContextCache implements Context {

    private int cacheRepairsOfLastFlush;
    private final EngineImpl engine;
    /** Entities waiting for the next flush, in the order they were first changed; null = none yet. */
    private TrackedEntities tracked;
    /** Null until the first {@link #setMetaData}. */
    private Map<String, String> metaData;
    private DispatchingQueryLogger logger;

    ContextImpl(EngineImpl engine) {
        this.engine = engine;
        if (!engine.queryLogHandlers().isEmpty()) {
            logger = new DispatchingQueryLogger(engine.queryLogHandlers(), this::metaData);
        }
    }

    @Override
    public Engine engine() {
        return engine;
    }

    // ---- flushing ----------------------------------------------------------------------------

    @Override
    public void flush() {
        if (tracked == null || tracked.isEmpty()) {
            return;
        }
        // On failure the executor throws and every entity stays tracked (and dirty) for a retry.
        Consumer<Throwable> observed = FlushObservations.start(engine.flushObserver(), false, tracked.list());
        try {
            cacheRepairsOfLastFlush = engine.flushExecutor().flush(this, new ArrayList<>(tracked.list()));
        } catch (RuntimeException | Error e) {
            observed.accept(e);
            throw e;
        }
        observed.accept(null);
        forgetTracked();
    }

    @Override
    public int cacheRepairsOfLastFlush() {
        return cacheRepairsOfLastFlush;
    }

    @Override
    public void flushAsync(boolean immediateCacheUpdate) {
        if (tracked == null || tracked.isEmpty()) {
            return;
        }
        Consumer<Throwable> observed = FlushObservations.start(engine.flushObserver(), true, tracked.list());
        try {
            engine.flushExecutor().flushAsync(this, new ArrayList<>(tracked.list()), immediateCacheUpdate);
        } catch (RuntimeException | Error e) {
            observed.accept(e);
            throw e;
        }
        observed.accept(null);
        forgetTracked();
    }

    @Override
    public void clearFlush() {
        forgetTracked();
    }

    /**
     * Tracks an entity until the next flush. A loaded entity is also pinned in the context cache, so
     * every read of its id in this context returns this object with its pending changes (identity map).
     */
    @Override
    public void track(Flushable entity) {
        if (tracked == null) {
            tracked = new TrackedEntities(this);
        }
        if (tracked.add(Objects.requireNonNull(entity, "entity")) && entity instanceof EntityState state
                && !state.isNew()) {
            pin(state.type().table(), state.id(), state.entity());
        }
    }

    private void forgetTracked() {
        if (tracked == null) {
            return;
        }
        tracked.clear(state -> {
            if (state.hasId()) {
                unpin(state.type().table(), state.id());
            }
        });
    }

    @Override
    public int pendingChanges() {
        return tracked == null ? 0 : tracked.size();
    }

    // ---- context cache -------------------------------------------------------------------------

    @Override
    public ContextCache contextCache() {
        return this;
    }

    @Override
    public void disableContextCache() {
        disable();
    }

    @Override
    public void setContextCacheTtl(Duration ttl) {
        setTtl(ttl);
    }

    // ---- metadata, cloning ---------------------------------------------------------------------

    @Override
    public void setMetaData(String key, String value) {
        if (value == null) {
            if (metaData != null) {
                metaData.remove(key);
            }
        } else {
            Objects.requireNonNull(key, "key");
            if (metaData == null) {
                metaData = new HashMap<>();
            }
            metaData.put(key, value);
        }
    }

    @Override
    public String getMetaData(String key) {
        return metaData == null ? null : metaData.get(key);
    }

    @Override
    public Map<String, String> metaData() {
        if (metaData == null) {
            metaData = new HashMap<>(); // the view stays live: later setMetaData calls show in it
        }
        return Collections.unmodifiableMap(metaData);
    }

    @Override
    @SuppressWarnings("MethodDoesntCallSuperMethod")
    public Context clone() {
        ContextImpl copy = new ContextImpl(engine);
        if (metaData != null) {
            copy.metaData = new HashMap<>(metaData);
        }
        if (logger != null) {
            copy.logger = logger.copyFor(copy::metaData);
        }
        if (!enabled()) {
            copy.disable();
        } else {
            copy.setTtl(ttl());
        }
        return copy;
    }

    // ---- query logging -------------------------------------------------------------------------

    private DispatchingQueryLogger ensureLogger() {
        if (logger == null) {
            logger = new DispatchingQueryLogger(engine.queryLogHandlers(), this::metaData);
        }
        return logger;
    }

    @Override
    public void registerQueryLogger(QueryLogHandler handler, boolean mysql, boolean redis, boolean localCache) {
        ensureLogger().register(new QueryLogRegistration(Objects.requireNonNull(handler, "handler"), mysql, redis,
                localCache));
    }

    @Override
    public void enableQueryDebug() {
        enableQueryDebug(true, true, true);
    }

    @Override
    public void enableQueryDebug(boolean mysql, boolean redis, boolean localCache) {
        ensureLogger().enableDebug(mysql, redis, localCache);
    }

    @Override
    public QueryLogger queryLogger() {
        return logger == null ? QueryLogger.NONE : logger;
    }

    // ---- context-bound pools ---------------------------------------------------------------------

    @Override
    public MySqlPool db(String code) {
        return logger == null ? engine.db(code) : engine.mysqlPool(code).withLogger(logger);
    }

    @Override
    public RedisPool redis(String code) {
        return logger == null ? engine.redis(code) : engine.redisPool(code).withLogger(logger);
    }

    @Override
    public LocalCache localCache(String code) {
        return engine.localCache(code);
    }

    @Override
    public RedisPipeline redisPipeline(String code) {
        return redis(code).pipeline();
    }

    @Override
    public DatabasePipeline databasePipeline(String code) {
        return db(code).pipeline();
    }

    @Override
    public EventBroker eventBroker() {
        return engine.eventBroker();
    }
}
