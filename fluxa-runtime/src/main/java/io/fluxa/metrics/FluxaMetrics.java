package io.fluxa.metrics;

import io.fluxa.Engine;
import io.fluxa.cache.LocalCache;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.log.QuerySource;
import io.fluxa.redis.CacheRepairs;
import io.fluxa.redis.CircuitBreaker;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.EntitySchema;
import io.fluxa.search.RedisSearch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters for an {@link Engine}, mirroring upstream FluxaORM's metric names. Bind it to a
 * registry ({@link #bindTo(MeterRegistry)}) and attach {@link #queryLogHandler()} to the contexts
 * whose queries should be measured; nothing is measured (and nothing costs anything) until then.
 *
 * <table>
 * <caption>Meters (Prometheus names in brackets)</caption>
 * <tr><td>{@code fluxa.db.queries} timer [{@code fluxa_db_queries_seconds}]</td>
 *     <td>tags {@code operation}, {@code pool}, {@code source}, {@code outcome} ({@code success},
 *     {@code error}), {@code error} (the exception's simple class name, {@code none} on success)</td></tr>
 * <tr><td>{@code fluxa.redis.queries} timer [{@code fluxa_redis_queries_seconds}]</td>
 *     <td>tags {@code operation}, {@code pool}, {@code set} (the command writes), {@code miss} (a read
 *     found nothing), {@code pipeline}, {@code source}, {@code outcome}, {@code error}</td></tr>
 * <tr><td>{@code fluxa.cache.lookups} counter [{@code fluxa_cache_lookups_total}]</td>
 *     <td>tags {@code entity}, {@code tier} ({@code local}, {@code redis}), {@code result}
 *     ({@code hit}, {@code miss})</td></tr>
 * <tr><td>{@code fluxa.redis.circuit.open} gauge (1 = open), {@code fluxa.redis.circuit.opened},
 *     {@code fluxa.redis.circuit.rejected} and {@code fluxa.redis.fallbacks} counters</td>
 *     <td>tag {@code pool}: the Redis pool's breaker state, how often it opened, commands refused while
 *     open, and reads of cached entities answered by MySQL instead</td></tr>
 * <tr><td>{@code fluxa.local.cache.used} / {@code .limit} gauges, {@code fluxa.local.cache.evictions}
 *     counter</td><td>tag {@code pool}: the pool code, or {@code <pool>:<table>} for an entity with a local
 *     cache size of its own</td></tr>
 * <tr><td>{@code fluxa.search.reindex.rows} / {@code .running} gauges, {@code fluxa.search.reindex.completed}
 *     counter [{@code fluxa_search_reindex_rows}, {@code fluxa_search_reindex_running},
 *     {@code fluxa_search_reindex_completed_total}]</td><td>tag {@code entity}, for every entity with
 *     {@code @Searchable} fields: rows indexed by the running (or last) Redis search rebuild of this JVM,
 *     1 while one runs, rebuilds finished</td></tr>
 * </table>
 *
 * <p>Failed queries are not counted apart: they are the timers' {@code outcome=error} series (Micrometer's
 * convention), and {@code error} names what failed. {@code source} is the context's metadata value under {@link #SOURCE_METADATA_KEY} ({@code
 * default} when unset), so jobs, consumers and web requests can be told apart.
 */
public final class FluxaMetrics implements MeterBinder {

    /** Context metadata key whose value becomes the {@code source} tag. */
    public static final String SOURCE_METADATA_KEY = "metrics.source";

    /** {@code error} tag of a query that succeeded. */
    public static final String NO_ERROR = "none";

    /** {@code source} tag when the context sets none. */
    public static final String DEFAULT_SOURCE = "default";

    private static final Set<String> REDIS_WRITE_COMMANDS = Set.of("SET", "SETEX", "PSETEX", "SETNX", "MSET",
            "MSETNX", "GETSET", "GETDEL", "GETEX", "DEL", "UNLINK", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT",
            "PERSIST", "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "APPEND", "HSET", "HMSET", "HSETNX", "HDEL",
            "HINCRBY", "HINCRBYFLOAT", "LPUSH", "RPUSH", "LPUSHX", "RPUSHX", "LPOP", "RPOP", "LSET", "LREM",
            "LTRIM", "LINSERT", "LMOVE", "RPOPLPUSH", "SADD", "SREM", "SPOP", "SMOVE", "ZADD", "ZREM", "ZINCRBY",
            "ZPOPMIN", "ZPOPMAX", "ZREMRANGEBYSCORE", "ZREMRANGEBYRANK", "XADD", "XACK", "XDEL", "XTRIM", "XGROUP",
            "XCLAIM", "XAUTOCLAIM", "PUBLISH", "FLUSHDB", "RENAME", "COPY", "RESTORE", "SETRANGE", "PFADD");

    private final Collection<LocalCache> localCaches;
    private final Collection<RedisPool> redisPools;
    private final EntityResolver entities;
    private final List<String> searchableEntities;
    private final List<Meters> bound = new CopyOnWriteArrayList<>();
    private final QueryLogHandler handler = this::record;

    public FluxaMetrics(Engine engine) {
        this(engine.schema().entities(), engine.localCaches(), engine.redisPools());
    }

    FluxaMetrics(List<EntitySchema> entities, Collection<LocalCache> localCaches) {
        this(entities, localCaches, List.of());
    }

    FluxaMetrics(List<EntitySchema> entities, Collection<LocalCache> localCaches, Collection<RedisPool> redisPools) {
        this.localCaches = List.copyOf(localCaches);
        this.redisPools = List.copyOf(redisPools);
        this.entities = new EntityResolver(entities);
        this.searchableEntities = entities.stream().filter(EntitySchema::searchable).map(EntitySchema::entityName)
                .sorted().toList();
    }

    /** Registers the local cache gauges on {@code registry} and starts recording queries into it. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        for (Meters meters : bound) {
            if (meters.registry == registry) {
                return;
            }
        }
        for (LocalCache cache : withEntityCaches(localCaches)) {
            Tags tags = Tags.of("pool", cache.code());
            Gauge.builder("fluxa.local.cache.used", cache, c -> c.usage().used())
                    .description("Entries held by a Fluxa local cache pool").tags(tags).register(registry);
            Gauge.builder("fluxa.local.cache.limit", cache, c -> c.usage().limit())
                    .description("Maximum entries of a Fluxa local cache pool (0 = unlimited)").tags(tags)
                    .register(registry);
            FunctionCounter.builder("fluxa.local.cache.evictions", cache, c -> c.usage().evictions())
                    .description("Entries evicted from a Fluxa local cache pool").tags(tags).register(registry);
        }
        for (String entity : searchableEntities) {
            Tags tags = Tags.of("entity", entity);
            Gauge.builder("fluxa.search.reindex.rows", () -> RedisSearch.reindexProgress(entity).rowsIndexed())
                    .description("Rows indexed by the running (or last) Redis search rebuild of an entity")
                    .tags(tags).register(registry);
            Gauge.builder("fluxa.search.reindex.running", () -> RedisSearch.reindexProgress(entity).running() ? 1 : 0)
                    .description("1 while a Redis search rebuild of the entity runs in this application")
                    .tags(tags).register(registry);
            FunctionCounter.builder("fluxa.search.reindex.completed", entity,
                    e -> RedisSearch.reindexProgress(e).completed())
                    .description("Redis search rebuilds of the entity finished by this application").tags(tags)
                    .register(registry);
        }
        for (RedisPool pool : redisPools) {
            Tags tags = Tags.of("pool", pool.code());
            CircuitBreaker breaker = pool.circuitBreaker();
            Gauge.builder("fluxa.redis.circuit.open", breaker, b -> b.isOpen() ? 1 : 0)
                    .description("1 while the Redis pool's circuit breaker is open (Redis unavailable, cached "
                            + "entities read from MySQL), else 0").tags(tags).register(registry);
            FunctionCounter.builder("fluxa.redis.circuit.opened", breaker, CircuitBreaker::timesOpened)
                    .description("Times the Redis pool's circuit breaker opened").tags(tags).register(registry);
            FunctionCounter.builder("fluxa.redis.circuit.rejected", breaker, CircuitBreaker::rejectedCommands)
                    .description("Redis commands refused at once because the circuit breaker was open").tags(tags)
                    .register(registry);
            FunctionCounter.builder("fluxa.redis.fallbacks", breaker, CircuitBreaker::fallbacks)
                    .description("Reads of Redis-cached entities served from MySQL because Redis was unavailable")
                    .tags(tags).register(registry);
            CacheRepairs repairs = pool.cacheRepairs();
            Gauge.builder("fluxa.redis.cache.repairs.pending", repairs, CacheRepairs::pending)
                    .description("Cache writes of committed flushes waiting for the Redis pool to take them")
                    .tags(tags).register(registry);
            FunctionCounter.builder("fluxa.redis.cache.repairs.completed", repairs, CacheRepairs::completed)
                    .description("Cache writes that failed after commit and were later taken by the Redis pool")
                    .tags(tags).register(registry);
        }
        bound.add(new Meters(registry));
    }

    /**
     * The handler to register on contexts (MySQL, Redis and local cache queries). Until
     * {@link #bindTo} was called it does nothing.
     */
    public QueryLogHandler queryLogHandler() {
        return handler;
    }

    private void record(QueryEvent event) {
        if (bound.isEmpty()) {
            return;
        }
        String source = source(event.metaData());
        String operation = event.operation() == null ? "unknown" : event.operation().toLowerCase(Locale.ROOT);
        String pool = event.pool() == null ? "unknown" : event.pool();
        boolean failed = event.error() != null;
        String error = failed ? event.error().getClass().getSimpleName() : NO_ERROR;
        long nanos = TimeUnit.MICROSECONDS.toNanos(event.micros());
        if (event.source() == QuerySource.MYSQL) {
            DbKey key = new DbKey(operation, pool, source, error);
            for (Meters meters : bound) {
                meters.db(key).record(nanos, TimeUnit.NANOSECONDS);
            }
        } else if (event.source() == QuerySource.REDIS) {
            String upper = event.operation() == null ? "" : event.operation().toUpperCase(Locale.ROOT);
            boolean pipeline = upper.startsWith("PIPELINE") || upper.equals("EXEC") || upper.equals("MULTI");
            RedisKey key = new RedisKey(operation, pool, REDIS_WRITE_COMMANDS.contains(upper), event.cacheMiss(),
                    pipeline, source, error);
            String entity = isRead(upper) ? entities.fromKey(event.query()) : null;
            for (Meters meters : bound) {
                meters.redis(key).record(nanos, TimeUnit.NANOSECONDS);
                if (entity != null && !failed) {
                    meters.lookup(new LookupKey(entity, "redis", event.cacheMiss())).increment();
                }
            }
        } else if (event.source() == QuerySource.LOCAL_CACHE) {
            String upper = event.operation() == null ? "" : event.operation().toUpperCase(Locale.ROOT);
            if (!isRead(upper)) {
                return;
            }
            String entity = entities.fromKey(event.query());
            LookupKey key = new LookupKey(entity == null ? pool : entity, "local", event.cacheMiss());
            for (Meters meters : bound) {
                meters.lookup(key).increment();
            }
        }
    }

    /** Every pool followed by the entity caches with a size of their own inside it. */
    private static List<LocalCache> withEntityCaches(Collection<LocalCache> pools) {
        List<LocalCache> all = new ArrayList<>();
        for (LocalCache pool : pools) {
            all.add(pool);
            all.addAll(pool.entityCaches());
        }
        return all;
    }

    private static boolean isRead(String upperOperation) {
        return upperOperation.equals("GET") || upperOperation.equals("MGET") || upperOperation.equals("HGET")
                || upperOperation.equals("HGETALL") || upperOperation.equals("HMGET");
    }

    private static String source(Map<String, String> metaData) {
        if (metaData == null) {
            return DEFAULT_SOURCE;
        }
        String source = metaData.get(SOURCE_METADATA_KEY);
        return source == null || source.isEmpty() ? DEFAULT_SOURCE : source;
    }

    /** The {@code outcome} tag of a query that failed ({@code error} names the exception) or not. */
    private static String outcome(String error) {
        return error.equals(NO_ERROR) ? "success" : "error";
    }

    private record DbKey(String operation, String pool, String source, String error) {
    }

    private record RedisKey(String operation, String pool, boolean set, boolean miss, boolean pipeline,
            String source, String error) {
    }

    private record LookupKey(String entity, String tier, boolean miss) {
    }

    /** The meters of one registry, cached by tag values so recording is a map lookup. */
    private static final class Meters {

        private final MeterRegistry registry;
        private final Map<DbKey, Timer> db = new ConcurrentHashMap<>();
        private final Map<RedisKey, Timer> redis = new ConcurrentHashMap<>();
        private final Map<LookupKey, Counter> lookups = new ConcurrentHashMap<>();

        Meters(MeterRegistry registry) {
            this.registry = registry;
        }

        Timer db(DbKey k) {
            return db.computeIfAbsent(k, key -> Timer.builder("fluxa.db.queries")
                    .description("MySQL queries run by Fluxa")
                    .tags("operation", key.operation(), "pool", key.pool(), "source", key.source(),
                            "outcome", outcome(key.error()), "error", key.error())
                    .register(registry));
        }

        Timer redis(RedisKey k) {
            return redis.computeIfAbsent(k, key -> Timer.builder("fluxa.redis.queries")
                    .description("Redis commands run by Fluxa")
                    .tags("operation", key.operation(), "pool", key.pool(), "set", Boolean.toString(key.set()),
                            "miss", Boolean.toString(key.miss()), "pipeline", Boolean.toString(key.pipeline()),
                            "source", key.source(), "outcome", outcome(key.error()), "error", key.error())
                    .register(registry));
        }

        Counter lookup(LookupKey k) {
            return lookups.computeIfAbsent(k, key -> Counter.builder("fluxa.cache.lookups")
                    .description("Entity cache lookups by tier and result")
                    .tags("entity", key.entity(), "tier", key.tier(), "result", key.miss() ? "miss" : "hit")
                    .register(registry));
        }
    }
}
