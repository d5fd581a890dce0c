package io.fluxa.spring.autoconfigure.web;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.flush.Flushable;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.log.QueryLogger;
import io.fluxa.mysql.DatabasePipeline;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Context whose flush outcome the test decides, to drive the auto-flush filter through every
 * branch (the database side of flushing is covered by the runtime's and the sample app's tests).
 */
final class StubContext implements Context {

    final List<Flushable> pending = new ArrayList<>();
    RuntimeException flushFailure;
    int flushes;
    int clears;

    @Override
    public void flush() {
        if (flushFailure != null) {
            throw flushFailure;
        }
        flushes++;
        pending.clear();
    }

    @Override
    public void clearFlush() {
        clears++;
        pending.clear();
    }

    @Override
    public void track(Flushable entity) {
        pending.add(entity);
    }

    @Override
    public int pendingChanges() {
        return pending.size();
    }

    @Override
    public Engine engine() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void flushAsync(boolean immediateCacheUpdate) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ContextCache contextCache() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void disableContextCache() {
    }

    @Override
    public void setContextCacheTtl(Duration ttl) {
    }

    @Override
    public void setMetaData(String key, String value) {
    }

    @Override
    public String getMetaData(String key) {
        return null;
    }

    @Override
    public Map<String, String> metaData() {
        return Map.of();
    }

    @Override
    public Context clone() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void registerQueryLogger(QueryLogHandler handler, boolean mysql, boolean redis, boolean localCache) {
    }

    @Override
    public void enableQueryDebug() {
    }

    @Override
    public void enableQueryDebug(boolean mysql, boolean redis, boolean localCache) {
    }

    @Override
    public QueryLogger queryLogger() {
        return QueryLogger.NONE;
    }

    @Override
    public MySqlPool db(String code) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RedisPool redis(String code) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LocalCache localCache(String code) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RedisPipeline redisPipeline(String code) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DatabasePipeline databasePipeline(String code) {
        throw new UnsupportedOperationException();
    }
}
