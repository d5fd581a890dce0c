package io.fluxa.it.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.FluxaException;
import io.fluxa.Registry;
import io.fluxa.cache.ContextCache;
import io.fluxa.cache.LocalCache;
import io.fluxa.cache.LocalCacheUsage;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.flush.Flushable;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.mysql.DatabasePipeline;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.SchemaManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small but real {@link Engine}/{@link Context} used by the ORM integration tests while the
 * runtime core's Registry/Engine is not available: one HikariCP pool, one Lettuce connection, one
 * Caffeine local cache (all pools answer to every code), and the {@link FlushExecutor} found
 * through {@link ServiceLoader} (the ORM's). It implements what the generated code uses.
 */
public final class MiniEngine implements Engine {

    private final HikariDataSource dataSource;
    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, byte[]> redisConnection;
    private final MySqlPool mysql;
    private final RedisPool redis;
    private final CaffeineLocalCache local;
    private final FlushExecutor flushExecutor;
    private final List<EntitySchema> entities;

    /** Connects to MySQL database {@code database} and Redis database {@code redisDb}. */
    public MiniEngine(String database, int redisDb) {
        String url = env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + database);
        config.setUsername(env("FLUXA_TEST_MYSQL_USER", "root"));
        config.setPassword(env("FLUXA_TEST_MYSQL_PASSWORD", ""));
        config.setMaximumPoolSize(8);
        this.dataSource = new HikariDataSource(config);
        this.mysql = new MySqlPool() {
            @Override
            public String code() {
                return Registry.DEFAULT_POOL;
            }

            @Override
            public DataSource dataSource() {
                return dataSource;
            }

            @Override
            public String database() {
                return database;
            }
        };
        String[] hostPort = env("FLUXA_TEST_REDIS", "127.0.0.1:6379").split(":");
        this.redisClient = RedisClient.create(RedisURI.builder().withHost(hostPort[0])
                .withPort(Integer.parseInt(hostPort[1])).withDatabase(redisDb).build());
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        this.redisConnection = redisClient.connect(codec);
        this.redis = new RedisPool() {
            @Override
            public String code() {
                return Registry.DEFAULT_POOL;
            }

            @Override
            public StatefulRedisConnection<String, byte[]> connection() {
                return redisConnection;
            }

            @Override
            public int database() {
                return redisDb;
            }
        };
        this.local = new CaffeineLocalCache();
        this.flushExecutor = ServiceLoader.load(FlushExecutor.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no FlushExecutor service found"));
        List<EntitySchema> all = new ArrayList<>();
        for (EntityModel model : ServiceLoader.load(EntityModel.class)) {
            all.addAll(model.schema().entities());
        }
        this.entities = List.copyOf(all);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public TestContext newContext() {
        return new TestContext();
    }

    @Override
    public MySqlPool db(String code) {
        return mysql;
    }

    @Override
    public RedisPool redis(String code) {
        return redis;
    }

    @Override
    public LocalCache localCache(String code) {
        return local;
    }

    @Override
    public Collection<MySqlPool> dbPools() {
        return List.of(mysql);
    }

    @Override
    public Collection<RedisPool> redisPools() {
        return List.of(redis);
    }

    @Override
    public Collection<LocalCache> localCaches() {
        return List.of(local);
    }

    @Override
    public SchemaManager schema() {
        throw new UnsupportedOperationException("not needed by the ORM tests");
    }

    @Override
    public EntitySchema entity(String entityName) {
        for (EntitySchema e : entities) {
            if (e.entityName().equals(entityName)) {
                return e;
            }
        }
        throw new FluxaException("unknown entity " + entityName);
    }

    @Override
    public Object option(String key) {
        return null;
    }

    @Override
    public Map<String, Object> options() {
        return Map.of();
    }

    @Override
    public void close() {
        redisConnection.close();
        redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        dataSource.close();
    }

    /** An unbounded Caffeine cache. */
    public static final class CaffeineLocalCache implements LocalCache {
        private final Cache<Object, Object> cache = Caffeine.newBuilder().build();

        @Override
        public String code() {
            return Registry.DEFAULT_POOL;
        }

        @Override
        public long limit() {
            return 0;
        }

        @Override
        public Object get(Object key) {
            return cache.getIfPresent(key);
        }

        @Override
        public void set(Object key, Object value) {
            cache.put(key, value);
        }

        @Override
        public void remove(Object key) {
            cache.invalidate(key);
        }

        @Override
        public void clear() {
            cache.invalidateAll();
        }

        @Override
        public LocalCacheUsage usage() {
            return new LocalCacheUsage(code(), cache.estimatedSize(), 0, 0);
        }
    }

    /** A unit of work: tracked entities, a context cache, query loggers. */
    public final class TestContext implements Context {
        private final Map<Flushable, Boolean> tracked = new LinkedHashMap<>();
        private final Map<String, Map<Long, Object>> cache = new HashMap<>();
        private final List<QueryLogHandler> handlers = new CopyOnWriteArrayList<>();
        private final Map<String, String> metaData = new HashMap<>();
        private boolean contextCacheEnabled = true;
        private final ContextCache contextCache = new ContextCache() {
            @Override
            public boolean enabled() {
                return contextCacheEnabled;
            }

            @Override
            public Object get(String namespace, long id) {
                Map<Long, Object> rows = cache.get(namespace);
                return rows == null ? null : rows.get(id);
            }

            @Override
            public void put(String namespace, long id, Object value) {
                cache.computeIfAbsent(namespace, n -> new HashMap<>()).put(id, value);
            }

            @Override
            public void remove(String namespace, long id) {
                Map<Long, Object> rows = cache.get(namespace);
                if (rows != null) {
                    rows.remove(id);
                }
            }

            @Override
            public void clear() {
                cache.clear();
            }
        };
        private final QueryLogger logger = new QueryLogger() {
            @Override
            public boolean enabled(QuerySource source) {
                return !handlers.isEmpty();
            }

            @Override
            public void log(QuerySource source, String pool, String operation, String query, long startNanos,
                    boolean cacheMiss, Throwable error) {
                long micros = (System.nanoTime() - startNanos) / 1000;
                Instant now = Instant.now();
                io.fluxa.log.QueryEvent event = new io.fluxa.log.QueryEvent(source, pool, operation, query, micros,
                        now.minusNanos(micros * 1000), now, cacheMiss, error, Map.copyOf(metaData));
                for (QueryLogHandler handler : handlers) {
                    handler.handle(event);
                }
            }
        };

        @Override
        public Engine engine() {
            return MiniEngine.this;
        }

        @Override
        public void flush() {
            flushExecutor.flush(this, new ArrayList<>(tracked.keySet()));
            tracked.clear();
        }

        @Override
        public void flushAsync(boolean immediateCacheUpdate) {
            flushExecutor.flushAsync(this, new ArrayList<>(tracked.keySet()), immediateCacheUpdate);
        }

        @Override
        public void clearFlush() {
            tracked.clear();
        }

        @Override
        public void track(Flushable entity) {
            tracked.putIfAbsent(entity, Boolean.TRUE);
        }

        @Override
        public int pendingChanges() {
            return tracked.size();
        }

        @Override
        public ContextCache contextCache() {
            return contextCache;
        }

        @Override
        public void disableContextCache() {
            contextCacheEnabled = false;
            cache.clear();
        }

        @Override
        public void setContextCacheTtl(Duration ttl) {
        }

        @Override
        public void setMetaData(String key, String value) {
            metaData.put(key, value);
        }

        @Override
        public String getMetaData(String key) {
            return metaData.get(key);
        }

        @Override
        public Map<String, String> metaData() {
            return Collections.unmodifiableMap(metaData);
        }

        @Override
        public Context clone() {
            TestContext copy = new TestContext();
            copy.handlers.addAll(handlers);
            copy.metaData.putAll(metaData);
            return copy;
        }

        @Override
        public void registerQueryLogger(QueryLogHandler handler, boolean mysql, boolean redis, boolean localCache) {
            handlers.add(handler);
        }

        @Override
        public void enableQueryDebug() {
        }

        @Override
        public void enableQueryDebug(boolean mysql, boolean redis, boolean localCache) {
        }

        @Override
        public QueryLogger queryLogger() {
            return logger;
        }

        @Override
        public MySqlPool db(String code) {
            return mysql;
        }

        @Override
        public RedisPool redis(String code) {
            return redis;
        }

        @Override
        public LocalCache localCache(String code) {
            return local;
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
}
