package io.fluxa.spring.autoconfigure.actuate;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlush;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheUsage;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.Alter;
import io.fluxa.schema.EntitySchema;
import io.fluxa.stream.StreamStats;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code fluxa} actuator endpoint: pools, entities with their cache settings, local cache usage,
 * the schema alters still pending, and the registered streams with their groups, lag, pending
 * entries, consumers and dead letters.
 */
@Endpoint(id = "fluxa")
public class FluxaEndpoint {

    private final Engine engine;

    public FluxaEndpoint(Engine engine) {
        this.engine = engine;
    }

    @ReadOperation
    public FluxaDescriptor fluxa() {
        List<MySqlPoolDescriptor> mysql = engine.dbPools().stream()
                .sorted(Comparator.comparing(MySqlPool::code))
                .map(p -> new MySqlPoolDescriptor(p.code(), p.database()))
                .toList();
        List<RedisPoolDescriptor> redis = engine.redisPools().stream()
                .sorted(Comparator.comparing(RedisPool::code))
                .map(p -> new RedisPoolDescriptor(p.code(), p.database()))
                .toList();
        List<LocalCacheUsage> localCaches = engine.localCaches().stream()
                .flatMap(pool -> Stream.concat(Stream.of(pool), pool.entityCaches().stream()))
                .sorted(Comparator.comparing(LocalCache::code))
                .map(LocalCache::usage)
                .toList();
        List<EntityDescriptor> entities = engine.schema().entities().stream().map(EntityDescriptor::of).toList();
        return new FluxaDescriptor(new PoolsDescriptor(mysql, redis, localCaches), entities, pendingAlters(),
                streams(), asyncFlush(mysql));
    }

    private StreamsDescriptor streams() {
        try {
            return new StreamsDescriptor(engine.eventBroker().stats(), null);
        } catch (RuntimeException e) {
            return new StreamsDescriptor(List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Lag and dead letters of every MySQL pool's async flush stream (they live in the Redis pool 'default'). */
    private AsyncFlushDescriptor asyncFlush(List<MySqlPoolDescriptor> mysql) {
        if (engine.redisPools().stream().noneMatch(p -> Registry.DEFAULT_POOL.equals(p.code()))) {
            return new AsyncFlushDescriptor(List.of(), null);
        }
        try {
            return new AsyncFlushDescriptor(mysql.stream().map(p -> engine.asyncFlush().stats(p.code())).toList(), null);
        } catch (RuntimeException e) {
            return new AsyncFlushDescriptor(List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private SchemaDescriptor pendingAlters() {
        try {
            return new SchemaDescriptor(engine.schema().alters(), null);
        } catch (RuntimeException e) {
            return new SchemaDescriptor(List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Everything the endpoint reports. */
    public record FluxaDescriptor(PoolsDescriptor pools, List<EntityDescriptor> entities, SchemaDescriptor schema,
            StreamsDescriptor streams, AsyncFlushDescriptor asyncFlush) {
    }

    /** Per MySQL pool: last applied entry, lag in entries and seconds, dead letters; {@code error} when unreadable. */
    public record AsyncFlushDescriptor(List<AsyncFlush.Stats> pools, String error) {
    }

    /** Every registered stream's stats; {@code error} when Redis could not be asked. */
    public record StreamsDescriptor(List<StreamStats> streams, String error) {
    }

    public record PoolsDescriptor(List<MySqlPoolDescriptor> mysql, List<RedisPoolDescriptor> redis,
            List<LocalCacheUsage> localCache) {
    }

    public record MySqlPoolDescriptor(String code, String database) {
    }

    public record RedisPoolDescriptor(String code, int database) {
    }

    /** One entity; {@code redisCache} / {@code localCache} are null when it is not cached there. */
    public record EntityDescriptor(String name, String table, String mysqlPool, CacheDescriptor redisCache,
            CacheDescriptor localCache, boolean softDelete) {

        static EntityDescriptor of(EntitySchema e) {
            CacheDescriptor redis = e.redisCache() == null ? null
                    : new CacheDescriptor(e.redisCache().pool(), null, e.redisCache().ttlSeconds());
            CacheDescriptor local = e.localCache() == null ? null
                    : new CacheDescriptor(e.localCache().pool(), e.localCache().size(), null);
            return new EntityDescriptor(e.entityName(), e.table(), e.mysqlPool(), redis, local, e.softDelete());
        }
    }

    public record CacheDescriptor(String pool, Integer size, Integer ttlSeconds) {
    }

    /** Alters that would make the database match the entities; {@code error} when they could not be read. */
    public record SchemaDescriptor(List<Alter> pendingAlters, String error) {
    }
}
