package io.fluxa;

import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.lock.Locker;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.log.QueryLogger;
import io.fluxa.mysql.DatabasePipeline;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.stream.EventBroker;

import java.time.Duration;
import java.util.Map;

/**
 * One unit of work: tracks changed entities until {@link #flush()}, holds the per-context entity
 * cache, metadata and query loggers. Cheap to create, <b>not</b> thread-safe.
 */
public interface Context {

    Engine engine();

    // ---- flushing -------------------------------------------------------------------------

    /**
     * Writes every tracked change: one transaction per MySQL pool, caches updated after commit. When
     * Redis does not take the cache writes after the commit, the flush still succeeds: the writes are
     * queued for repair ({@link #cacheRepairsOfLastFlush()}) and no read serves the old rows.
     */
    void flush();

    /**
     * Cache writes of this context's last {@link #flush()} that Redis did not take after MySQL
     * committed; they are repaired (the rows invalidated) once Redis is back. 0 normally.
     */
    default int cacheRepairsOfLastFlush() {
        return 0;
    }

    /** Queues every tracked change on the async flush stream instead of running the SQL now. */
    void flushAsync(boolean immediateCacheUpdate);

    /** Forgets every tracked change without writing it. */
    void clearFlush();

    /**
     * Starts tracking an entity's state until the next flush; generated entities call this when they
     * change. Tracking twice is a no-op. While tracked, a loaded entity is the context's answer for
     * its id (identity map).
     */
    void track(io.fluxa.row.Flushable entity);

    /** Number of entities waiting for the next flush. */
    int pendingChanges();

    // ---- per-context entity cache ---------------------------------------------------------

    /** The per-context entity cache (on by default, 1 s TTL). */
    ContextCache contextCache();

    void disableContextCache();

    void setContextCacheTtl(Duration ttl);

    // ---- metadata, cloning ----------------------------------------------------------------

    void setMetaData(String key, String value);

    String getMetaData(String key);

    Map<String, String> metaData();

    /** A new context sharing metadata, query loggers and cache settings, but no tracked entities. */
    Context clone();

    // ---- query logging --------------------------------------------------------------------

    void registerQueryLogger(QueryLogHandler handler, boolean mysql, boolean redis, boolean localCache);

    /** Logs every query in human-readable form through SLF4J logger {@code io.fluxa.debug}. */
    void enableQueryDebug();

    void enableQueryDebug(boolean mysql, boolean redis, boolean localCache);

    /** The logger the pools and the ORM report to; {@link QueryLogger#NONE}-cheap when nothing listens. */
    QueryLogger queryLogger();

    // ---- pools bound to this context (queries are logged through this context) ---------------

    MySqlPool db(String code);

    RedisPool redis(String code);

    /** Distributed locks on the Redis pool {@code code}; their Redis calls are logged through this context. */
    default Locker locker(String code) {
        return Locker.on(redis(code));
    }

    LocalCache localCache(String code);

    RedisPipeline redisPipeline(String code);

    DatabasePipeline databasePipeline(String code);

    /** The engine's event broker (the same for every context). */
    EventBroker eventBroker();
}
