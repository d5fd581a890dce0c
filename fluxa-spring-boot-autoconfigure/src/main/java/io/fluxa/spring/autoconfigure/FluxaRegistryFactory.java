package io.fluxa.spring.autoconfigure;

import io.fluxa.EntityModel;
import io.fluxa.FluxaConfigException;
import io.fluxa.Registry;
import io.fluxa.schema.EntitySchema;
import org.springframework.boot.context.properties.bind.Binder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@code fluxa.*} (falling back to {@code spring.datasource.*} / {@code spring.data.redis.*}
 * for the default pool) and the entity models into a {@link Registry}. Every error names the
 * property to fix: the registry's messages already name the {@code fluxa.pools.*} property; when
 * the value came from a Spring property instead, the message is rewritten to name that one.
 */
final class FluxaRegistryFactory {

    private final FluxaProperties properties;
    private final Binder binder;

    FluxaRegistryFactory(FluxaProperties properties, Binder binder) {
        this.properties = properties;
        this.binder = binder;
    }

    Registry create(List<EntityModel> models) {
        Map<String, ResolvedPool> pools = resolvePools();
        checkEntityPools(models, pools);
        Registry registry = new Registry();
        PropertyNames names = propertyNames(pools);
        pools.values().forEach(pool -> names.translating(() -> pool.registerOn(registry)));
        models.forEach(registry::registerModel);
        FluxaProperties.LocalCacheInvalidation invalidation = properties.localCacheInvalidation();
        registry.localCacheInvalidation(new io.fluxa.LocalCacheInvalidation(invalidation.enabled(),
                invalidation.redisPool() == null || invalidation.redisPool().isBlank() ? null
                        : invalidation.redisPool(), invalidation.pingInterval()));
        new TreeMap<>(properties.options()).forEach(registry::setOption);
        return registry;
    }

    /** Pools by code, sorted, with the default pool's Spring Boot fallbacks applied. */
    Map<String, ResolvedPool> resolvePools() {
        Map<String, ResolvedPool> resolved = new LinkedHashMap<>();
        new TreeMap<>(properties.pools()).forEach((code, pool) -> resolved.put(code, ResolvedPool.of(code, pool)));
        ResolvedPool defaults = resolved.computeIfAbsent(Registry.DEFAULT_POOL, ResolvedPool::empty);
        if (defaults.mysql == null) {
            SpringConnectionSettings.DataSource ds = SpringConnectionSettings.dataSource(binder);
            if (ds != null) {
                defaults.mysql = new FluxaProperties.MySql(ds.url(), ds.username(), ds.password(), null, null, null,
                        null, null, null);
                defaults.mysqlFromSpring = true;
            }
        }
        if (defaults.redis == null && defaults.sentinel == null) {
            SpringConnectionSettings.Redis redis = SpringConnectionSettings.redis(binder);
            if (redis != null) {
                defaults.springRedis = redis;
            }
        }
        if (defaults.isEmpty() && !properties.pools().containsKey(Registry.DEFAULT_POOL)) {
            resolved.remove(Registry.DEFAULT_POOL);
        }
        return resolved;
    }

    /**
     * Which Spring property stands in for a {@code fluxa.pools.default.*} path in error messages,
     * for the parts of the default pool that came from {@code spring.datasource.*} or
     * {@code spring.data.redis.*}.
     */
    PropertyNames propertyNames() {
        return propertyNames(resolvePools());
    }

    private static PropertyNames propertyNames(Map<String, ResolvedPool> pools) {
        Map<String, String> renames = new LinkedHashMap<>();
        ResolvedPool defaults = pools.get(Registry.DEFAULT_POOL);
        String prefix = "fluxa.pools." + Registry.DEFAULT_POOL;
        if (defaults != null && defaults.mysqlFromSpring) {
            renames.put(prefix + ".mysql.url", "spring.datasource.url");
            renames.put(prefix + ".mysql", "spring.datasource");
        }
        if (defaults != null && defaults.springRedis != null) {
            renames.put(prefix + ".redis.sentinel", "spring.data.redis.sentinel");
            renames.put(prefix + ".redis", defaults.springRedis.property());
        }
        return new PropertyNames(renames);
    }

    /** Fails with the property to set when an entity names a pool that has no MySQL or no Redis. */
    private static void checkEntityPools(List<EntityModel> models, Map<String, ResolvedPool> pools) {
        for (EntityModel model : models) {
            for (EntitySchema entity : model.schema().entities()) {
                ResolvedPool mysqlPool = pools.get(entity.mysqlPool());
                if (mysqlPool == null || mysqlPool.mysql == null) {
                    String hint = Registry.DEFAULT_POOL.equals(entity.mysqlPool())
                            ? " (or spring.datasource.url)" : "";
                    throw new FluxaConfigException("Entity " + entity.entityName() + " is stored in MySQL pool '"
                            + entity.mysqlPool() + "', which is not configured: set fluxa.pools."
                            + entity.mysqlPool() + ".mysql.url" + hint);
                }
                if (entity.redisCache() != null) {
                    String code = entity.redisCache().pool();
                    ResolvedPool redisPool = pools.get(code);
                    if (redisPool == null || !redisPool.hasRedis()) {
                        String hint = Registry.DEFAULT_POOL.equals(code) ? " (or spring.data.redis.host)" : "";
                        throw new FluxaConfigException("Entity " + entity.entityName() + " is cached in Redis pool '"
                                + code + "', which is not configured: set fluxa.pools." + code + ".redis or fluxa.pools."
                                + code + ".sentinel" + hint);
                    }
                }
            }
        }
    }

    /** One pool after applying the Spring Boot fallbacks; knows the property each part came from. */
    static final class ResolvedPool {

        final String code;
        FluxaProperties.MySql mysql;
        boolean mysqlFromSpring;
        String redis;
        FluxaProperties.Sentinel sentinel;
        SpringConnectionSettings.Redis springRedis;
        Long localCache;
        List<String> streams = List.of();

        private ResolvedPool(String code) {
            this.code = code;
        }

        static ResolvedPool empty(String code) {
            return new ResolvedPool(code);
        }

        static ResolvedPool of(String code, FluxaProperties.Pool pool) {
            ResolvedPool r = new ResolvedPool(code);
            String prefix = "fluxa.pools." + code;
            if (pool == null) {
                return r;
            }
            r.mysql = pool.mysql();
            r.redis = blankToNull(pool.redis());
            r.sentinel = pool.sentinel();
            r.localCache = pool.localCache();
            r.streams = pool.streams();
            if (r.mysql != null && (r.mysql.url() == null || r.mysql.url().isBlank())) {
                throw new FluxaConfigException(prefix + ".mysql.url is required when " + prefix
                        + ".mysql is set, e.g. jdbc:mariadb://localhost:3306/app");
            }
            if (r.redis != null && r.sentinel != null) {
                throw new FluxaConfigException(prefix + ".redis and " + prefix
                        + ".sentinel are both set: a pool reaches Redis either directly or through Sentinel, keep one");
            }
            if (r.sentinel != null) {
                if (r.sentinel.master() == null || r.sentinel.master().isBlank()) {
                    throw new FluxaConfigException(prefix + ".sentinel.master is required: the name of the master"
                            + " the Sentinels monitor");
                }
                if (r.sentinel.nodes().isEmpty()) {
                    throw new FluxaConfigException(prefix + ".sentinel.nodes is required: at least one Sentinel"
                            + " address as host:port");
                }
            }
            if (r.localCache != null && r.localCache < 0) {
                throw new FluxaConfigException(prefix + ".local-cache must be 0 (unlimited) or a positive number"
                        + " of entries, was " + r.localCache);
            }
            if (!r.streams.isEmpty() && !r.hasRedis()) {
                throw new FluxaConfigException(prefix + ".streams needs Redis on the same pool: set " + prefix
                        + ".redis or " + prefix + ".sentinel");
            }
            return r;
        }

        boolean hasRedis() {
            return redis != null || sentinel != null || springRedis != null;
        }

        boolean isEmpty() {
            return mysql == null && !hasRedis() && localCache == null && streams.isEmpty();
        }

        /**
         * Registers this pool. The registry's errors name the {@code fluxa.pools.<code>.*} property
         * they are about; {@link PropertyNames} renames it when the value came from a Spring property.
         */
        void registerOn(Registry registry) {
            if (mysql != null) {
                registry.registerMySql(code, mysql.url(), mysql.username(), mysql.password(),
                        new Registry.MySqlOptions(mysql.maxOpenConnections(), mysql.maxIdleConnections(),
                                mysql.connectionMaxLifetime(), mysql.defaultCharset(), mysql.defaultCollation(),
                                mysql.ignoredTables()));
            }
            if (redis != null) {
                registry.registerRedis(code, redis, null);
            } else if (sentinel != null) {
                registry.registerRedisSentinel(code, sentinel.master(), sentinel.nodes(), sentinel.database(),
                        credentials(sentinel.username(), sentinel.password(), null));
            } else if (springRedis != null) {
                registerSpringRedis(registry);
            }
            if (localCache != null) {
                registry.registerLocalCache(code, localCache);
            }
            for (String stream : streams) {
                registry.registerStream(stream, code);
            }
        }

        private void registerSpringRedis(Registry registry) {
            SpringConnectionSettings.Redis r = springRedis;
            if (r.sentinelConfigured()) {
                List<String> nodes = r.sentinel().nodes() == null ? List.of() : r.sentinel().nodes();
                String password = r.sentinel().password() != null ? r.sentinel().password() : r.password();
                registry.registerRedisSentinel(code, r.sentinel().master(), nodes, r.databaseOrZero(),
                        credentials(r.username(), password, null));
            } else if (r.url() != null && !r.url().isBlank()) {
                registry.registerRedis(code, r.url(), null);
            } else {
                registry.registerRedis(code, r.address(), credentials(r.username(), r.password(), null));
            }
        }

        private static Registry.RedisOptions credentials(String user, String password, Integer database) {
            if (user == null && password == null && database == null) {
                return null;
            }
            return new Registry.RedisOptions(blankToNull(user), blankToNull(password), database);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
