package io.fluxa.metrics;

import io.fluxa.cache.CaffeineLocalCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheUsage;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import io.fluxa.schema.EntitySchema;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FluxaMetricsTest {

    private final Cache cache = new Cache();
    private final FluxaMetrics metrics = new FluxaMetrics(List.of(entity("Product", "products")), List.of(cache));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static EntitySchema entity(String name, String table) {
        return new EntitySchema(name, "x." + name, table, "default", null, null, List.of(), List.of(), List.of(),
                List.of(), false, false, false, "s1");
    }

    private static QueryEvent event(QuerySource source, String operation, String query, long micros, boolean miss,
            Throwable error, Map<String, String> meta) {
        return new QueryEvent(source, "default", operation, query, micros, Instant.EPOCH, Instant.EPOCH, miss, error,
                meta);
    }

    @Test
    void recordsNothingUntilBound() {
        metrics.queryLogHandler().handle(event(QuerySource.MYSQL, "SELECT", "SELECT 1", 10, false, null, Map.of()));
        metrics.bindTo(registry);
        assertThat(registry.find("fluxa.db.queries").timers()).isEmpty();
    }

    @Test
    void mysqlQueriesAreTimedWithTheirOutcomeAndError() {
        metrics.bindTo(registry);
        metrics.bindTo(registry);
        metrics.queryLogHandler().handle(event(QuerySource.MYSQL, "SELECT", "SELECT 1", 1500, false, null, Map.of()));
        metrics.queryLogHandler().handle(event(QuerySource.MYSQL, "INSERT", "INSERT", 10, false,
                new java.sql.SQLTimeoutException(), Map.of(FluxaMetrics.SOURCE_METADATA_KEY, "consumer")));

        Timer select = registry.get("fluxa.db.queries")
                .tags("operation", "select", "pool", "default", "source", "default", "outcome", "success",
                        "error", "none").timer();
        assertThat(select.count()).as("binding twice does not double count").isEqualTo(1);
        assertThat(select.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(1500);
        assertThat(select.getId().getBaseUnit()).isEqualTo("seconds");
        Timer failed = registry.get("fluxa.db.queries").tags("operation", "insert", "pool", "default",
                "source", "consumer", "outcome", "error", "error", "SQLTimeoutException").timer();
        assertThat(failed.count()).isEqualTo(1);
        assertThat(registry.find("fluxa.db.queries").tags("operation", "select", "outcome", "error").timer()).isNull();
        assertThat(registry.find("fluxa.db.queries.errors").meters()).as("no separate error counter").isEmpty();
    }

    @Test
    void redisCommandsAreTaggedAndReadsCountAsCacheLookups() {
        metrics.bindTo(registry);
        metrics.queryLogHandler().handle(event(QuerySource.REDIS, "GET", "GET products:s1:* x3", 20, true,
                null, null));
        metrics.queryLogHandler().handle(event(QuerySource.REDIS, "HSET", "HSET k f", 20, false, null, null));
        metrics.queryLogHandler().handle(event(QuerySource.REDIS, "PIPELINE", "PIPELINE x4", 20, false,
                new RuntimeException(), null));

        assertThat(registry.get("fluxa.redis.queries").tags("operation", "get", "set", "false", "miss", "true",
                "pipeline", "false", "source", "default").timer().count()).isEqualTo(1);
        assertThat(registry.get("fluxa.redis.queries").tags("operation", "hset", "set", "true", "outcome", "success",
                "error", "none").timer().count()).isEqualTo(1);
        assertThat(registry.get("fluxa.redis.queries").tags("operation", "pipeline", "pipeline", "true",
                "outcome", "error", "error", "RuntimeException").timer().count()).isEqualTo(1);
        assertThat(registry.find("fluxa.redis.queries.errors").meters()).isEmpty();
        assertThat(registry.get("fluxa.cache.lookups").tags("entity", "Product", "tier", "redis", "result", "miss")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void localCacheReadsAndUsage() {
        metrics.bindTo(registry);
        metrics.queryLogHandler().handle(event(QuerySource.LOCAL_CACHE, "GET", "GET products x2", 1, false, null,
                null));
        metrics.queryLogHandler().handle(event(QuerySource.LOCAL_CACHE, "SET", "SET products x2", 1, false, null,
                null));
        cache.used = 42;

        assertThat(registry.get("fluxa.cache.lookups").tags("entity", "Product", "tier", "local", "result", "hit")
                .counter().count()).isEqualTo(1);
        assertThat(registry.find("fluxa.cache.lookups").counters()).hasSize(1);
        assertThat(registry.get("fluxa.local.cache.used").tags("pool", "default").gauge().value()).isEqualTo(42);
        assertThat(registry.get("fluxa.local.cache.limit").tags("pool", "default").gauge().value()).isEqualTo(100);
        FunctionCounter evictions = registry.get("fluxa.local.cache.evictions").functionCounter();
        assertThat(evictions.count()).isEqualTo(3);
    }

    @Test
    void entityCachesWithASizeOfTheirOwnGetTheirOwnGauges() {
        CaffeineLocalCache pool = new CaffeineLocalCache("default", 0, Map.of("products", 2L));
        FluxaMetrics withEntityCache = new FluxaMetrics(List.of(entity("Product", "products")), List.of(pool));
        withEntityCache.bindTo(registry);
        for (int i = 0; i < 5; i++) {
            pool.forEntity("products").set(i, i);
        }
        pool.set("shared", 1);

        assertThat(registry.get("fluxa.local.cache.used").tags("pool", "default:products").gauge().value())
                .isEqualTo(2);
        assertThat(registry.get("fluxa.local.cache.limit").tags("pool", "default:products").gauge().value())
                .isEqualTo(2);
        assertThat(registry.get("fluxa.local.cache.evictions").tags("pool", "default:products").functionCounter()
                .count()).isEqualTo(3);
        assertThat(registry.get("fluxa.local.cache.used").tags("pool", "default").gauge().value()).isEqualTo(1);
    }

    /** Reports the usage the test sets. */
    static final class Cache implements LocalCache {
        long used;

        @Override
        public String code() {
            return "default";
        }

        @Override
        public long limit() {
            return 100;
        }

        @Override
        public Object get(Object key) {
            return null;
        }

        @Override
        public void set(Object key, Object value) {
        }

        @Override
        public void remove(Object key) {
        }

        @Override
        public void clear() {
        }

        @Override
        public LocalCacheUsage usage() {
            return new LocalCacheUsage("default", used, 100, 3);
        }
    }
}
