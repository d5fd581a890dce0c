package io.fluxa.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import io.fluxa.EntityModel;
import io.fluxa.FluxaConfigException;
import io.fluxa.Registry;
import io.fluxa.redis.CircuitBreakerSettings;
import io.fluxa.schema.EntitySchema;
import org.springframework.boot.context.properties.bind.Binder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Turns {@code fluxa.*} and the entity models into a {@link Registry}. What the default pool leaves
 * out comes from Spring Boot: a service connection's {@code JdbcConnectionDetails} /
 * {@code DataRedisConnectionDetails} bean, else {@code spring.datasource.*} / {@code spring.data.redis.*}.
 * A pool with {@code use-application-data-source} uses the application's {@link DataSource} bean.
 * Every error names the property to fix: the registry's messages already name the
 * {@code fluxa.pools.*} property; when the value came from elsewhere, the message is rewritten to
 * name that (a Spring property, or the connection details bean).
 */
final class FluxaRegistryFactory {

    private final FluxaProperties properties;
    private final Binder binder;
    private final BootConnectionDetails connectionDetails;
    private final Supplier<DataSource> applicationDataSource;
    private Map<String, ResolvedPool> resolved;

    FluxaRegistryFactory(FluxaProperties properties, Binder binder) {
        this(properties, binder, new BootConnectionDetails(null), () -> null);
    }

    /**
     * @param applicationDataSource the application's (unique or primary) DataSource, or null; asked only
     *     for pools that set {@code use-application-data-source}
     */
    FluxaRegistryFactory(FluxaProperties properties, Binder binder, BootConnectionDetails connectionDetails,
            Supplier<DataSource> applicationDataSource) {
        this.properties = properties;
        this.binder = binder;
        this.connectionDetails = connectionDetails;
        this.applicationDataSource = applicationDataSource;
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
        registry.idBlockSize(properties.idBlockSize());
        return registry;
    }

    /** Pools by code, sorted, with the default pool's Spring Boot fallbacks applied. Resolved once. */
    Map<String, ResolvedPool> resolvePools() {
        if (resolved == null) {
            resolved = resolve();
        }
        return resolved;
    }

    private Map<String, ResolvedPool> resolve() {
        Map<String, ResolvedPool> pools = new LinkedHashMap<>();
        new TreeMap<>(properties.pools()).forEach((code, pool) -> pools.put(code, ResolvedPool.of(code, pool)));
        for (ResolvedPool pool : pools.values()) {
            if (pool.useApplicationDataSource) {
                pool.dataSource = applicationDataSource.get();
                if (pool.dataSource == null) {
                    throw new FluxaConfigException("fluxa.pools." + pool.code + ".use-application-data-source is true,"
                            + " but the application has no DataSource bean (or several, none of them @Primary): add"
                            + " spring-boot-starter-jdbc and set spring.datasource.url, or remove the property to give"
                            + " the pool a connection pool of its own (fluxa.pools." + pool.code + ".mysql.url)");
                }
            }
        }
        ResolvedPool defaults = pools.computeIfAbsent(Registry.DEFAULT_POOL, ResolvedPool::empty);
        List<String> migrationTables = MigrationTables.of(binder);
        pools.values().forEach(pool -> pool.migrationTables = migrationTables);
        if (!defaults.hasMySql()) {
            BootConnectionDetails.Jdbc jdbc = connectionDetails.jdbc();
            SpringConnectionSettings.DataSource ds = jdbc == null ? SpringConnectionSettings.dataSource(binder) : null;
            if (jdbc != null) {
                defaults.mysql = mysql(jdbc.url(), jdbc.username(), jdbc.password());
                defaults.mysqlOrigin = jdbc.origin();
            } else if (ds != null) {
                defaults.mysql = mysql(ds.url(), ds.username(), ds.password());
                defaults.mysqlOrigin = "spring.datasource";
            }
        }
        if (defaults.redis == null && defaults.sentinel == null) {
            SpringConnectionSettings.Redis springRedis = SpringConnectionSettings.redis(binder);
            BootConnectionDetails.Redis details = connectionDetails.redis();
            if (details != null) {
                defaults.redisDetails = details;
                defaults.redisTimeouts = springRedis;
            } else if (springRedis != null) {
                if (springRedis.ssl() != null && springRedis.ssl().bundle() != null) {
                    throw new FluxaConfigException("spring.data.redis.ssl.bundle: Fluxa's Redis pools cannot use SSL"
                            + " bundles; set fluxa.pools.default.redis to a rediss:// address (TLS with the JVM's trust"
                            + " store) instead");
                }
                defaults.springRedis = springRedis;
                defaults.redisTimeouts = springRedis;
            }
        }
        if (defaults.isEmpty() && !properties.pools().containsKey(Registry.DEFAULT_POOL)) {
            pools.remove(Registry.DEFAULT_POOL);
        }
        return pools;
    }

    private static FluxaProperties.MySql mysql(String url, String username, String password) {
        return new FluxaProperties.MySql(url, username, password, null, null, null, null, null, null, null, null,
                null);
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
        for (ResolvedPool pool : pools.values()) {
            if (pool.useApplicationDataSource) {
                renames.put("fluxa.pools." + pool.code + ".mysql", "fluxa.pools." + pool.code
                        + ".use-application-data-source");
            }
        }
        ResolvedPool defaults = pools.get(Registry.DEFAULT_POOL);
        String prefix = "fluxa.pools." + Registry.DEFAULT_POOL;
        if (defaults != null && "spring.datasource".equals(defaults.mysqlOrigin)) {
            renames.put(prefix + ".mysql.url", "spring.datasource.url");
            renames.put(prefix + ".mysql", "spring.datasource");
        } else if (defaults != null && defaults.mysqlOrigin != null) {
            renames.put(prefix + ".mysql.url", defaults.mysqlOrigin);
            renames.put(prefix + ".mysql", defaults.mysqlOrigin);
        }
        if (defaults != null && defaults.redisDetails != null) {
            renames.put(prefix + ".redis.sentinel", defaults.redisDetails.origin());
            renames.put(prefix + ".redis", defaults.redisDetails.origin());
        } else if (defaults != null && defaults.springRedis != null) {
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
                if (mysqlPool == null || !mysqlPool.hasMySql()) {
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
        /** Where {@link #mysql} came from when not fluxa.pools: "spring.datasource" or a connection details bean. */
        String mysqlOrigin;
        boolean useApplicationDataSource;
        DataSource dataSource;
        String redis;
        FluxaProperties.Sentinel sentinel;
        SpringConnectionSettings.Redis springRedis;
        BootConnectionDetails.Redis redisDetails;
        /** spring.data.redis.timeout and connect-timeout, for a default pool whose Redis came from Spring. */
        SpringConnectionSettings.Redis redisTimeouts;
        Long localCache;
        List<String> streams = List.of();
        /** Flyway's and Liquibase's history tables, which schema sync leaves alone. */
        List<String> migrationTables = List.of();
        Duration redisTimeout;
        Duration redisConnectTimeout;
        /** fluxa.pools.<code>.redis-circuit-breaker.*, or null for the defaults. */
        @Nullable CircuitBreakerSettings redisCircuitBreaker;

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
            r.useApplicationDataSource = pool.useApplicationDataSource();
            r.redis = blankToNull(pool.redis());
            r.sentinel = pool.sentinel();
            r.localCache = pool.localCache();
            r.streams = pool.streams();
            r.redisTimeout = pool.redisTimeout();
            r.redisConnectTimeout = pool.redisConnectTimeout();
            r.redisCircuitBreaker = circuitBreaker(prefix, pool.redisCircuitBreaker());
            boolean hasUrl = r.mysql != null && r.mysql.url() != null && !r.mysql.url().isBlank();
            if (r.mysql != null && !hasUrl && !r.useApplicationDataSource) {
                throw new FluxaConfigException(prefix + ".mysql.url is required when " + prefix
                        + ".mysql is set, e.g. jdbc:mariadb://localhost:3306/app");
            }
            if (hasUrl && r.useApplicationDataSource) {
                throw new FluxaConfigException(prefix + ".use-application-data-source and " + prefix
                        + ".mysql.url are both set: a pool uses either the application's DataSource or a connection"
                        + " pool of its own, keep one");
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

        private static @Nullable CircuitBreakerSettings circuitBreaker(String prefix,
                FluxaProperties.@Nullable RedisCircuitBreaker b) {
            if (b == null) {
                return null;
            }
            CircuitBreakerSettings settings = CircuitBreakerSettings.DEFAULTS;
            try {
                if (b.failureThreshold() != null) {
                    settings = settings.withFailureThreshold(b.failureThreshold());
                }
                if (b.openDuration() != null) {
                    settings = settings.withOpenDuration(b.openDuration());
                }
                if (b.probeInterval() != null) {
                    settings = settings.withProbeInterval(b.probeInterval());
                }
            } catch (IllegalArgumentException e) {
                throw new FluxaConfigException(prefix + ".redis-circuit-breaker." + e.getMessage(), e);
            }
            return settings;
        }

        boolean hasMySql() {
            return mysql != null || useApplicationDataSource;
        }

        boolean hasRedis() {
            return redis != null || sentinel != null || springRedis != null || redisDetails != null;
        }

        boolean isEmpty() {
            return !hasMySql() && !hasRedis() && localCache == null && streams.isEmpty();
        }

        /**
         * Registers this pool. The registry's errors name the {@code fluxa.pools.<code>.*} property
         * they are about; {@link PropertyNames} renames it when the value came from a Spring property.
         */
        void registerOn(Registry registry) {
            if (dataSource != null) {
                registry.registerMySql(code, dataSource, mysql == null
                        ? new Registry.MySqlOptions(null, null, null, null, null, migrationTables)
                        : mysqlOptions());
            } else if (mysql != null) {
                registry.registerMySql(code, mysql.url(), mysql.username(), mysql.password(), mysqlOptions());
            }
            if (redis != null) {
                registry.registerRedis(code, redis, credentials(null, null, null));
            } else if (sentinel != null) {
                registry.registerRedisSentinel(code, sentinel.master(), sentinel.nodes(), sentinel.database(),
                        credentials(sentinel.username(), sentinel.password(), null));
            } else if (redisDetails != null) {
                registerRedisDetails(registry);
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

        private Registry.MySqlOptions mysqlOptions() {
            List<String> ignored = new ArrayList<>(mysql.ignoredTables());
            migrationTables.stream().filter(table -> !ignored.contains(table)).forEach(ignored::add);
            return new Registry.MySqlOptions(mysql.maxOpenConnections(), mysql.maxIdleConnections(),
                    mysql.connectionMaxLifetime(), mysql.defaultCharset(), mysql.defaultCollation(), ignored,
                    mysql.connectTimeout(), mysql.socketTimeout(), mysql.statementTimeout());
        }

        private void registerSpringRedis(Registry registry) {
            SpringConnectionSettings.Redis r = springRedis;
            if (r.sentinelConfigured()) {
                List<String> nodes = r.sentinel().nodes() == null ? List.of() : r.sentinel().nodes();
                String password = r.sentinel().password() != null ? r.sentinel().password() : r.password();
                registry.registerRedisSentinel(code, r.sentinel().master(), nodes, r.databaseOrZero(),
                        springOptions(r.username(), password));
            } else if (r.url() != null && !r.url().isBlank()) {
                registry.registerRedis(code, r.url(), springOptions(null, null));
            } else {
                registry.registerRedis(code, r.address(), springOptions(r.username(), r.password()));
            }
        }

        private void registerRedisDetails(Registry registry) {
            BootConnectionDetails.Redis r = redisDetails;
            if (r.sentinel()) {
                registry.registerRedisSentinel(code, r.master(), r.nodes(), r.database(),
                        springOptions(r.username(), r.password()));
            } else {
                registry.registerRedis(code, r.address(), springOptions(r.username(), r.password()));
            }
        }

        /** Credentials plus spring.data.redis.timeout / connect-timeout; null when there is nothing to set. */
        private Registry.@Nullable RedisOptions springOptions(@Nullable String user, @Nullable String password) {
            // fluxa.pools.<code>.redis-timeout / redis-connect-timeout win over spring.data.redis.*.
            Duration timeout = redisTimeout != null ? redisTimeout
                    : redisTimeouts == null ? null : redisTimeouts.timeout();
            Duration connectTimeout = redisConnectTimeout != null ? redisConnectTimeout
                    : redisTimeouts == null ? null : redisTimeouts.connectTimeout();
            if (blankToNull(user) == null && blankToNull(password) == null && timeout == null && connectTimeout == null
                    && redisCircuitBreaker == null) {
                return null;
            }
            return new Registry.RedisOptions(blankToNull(user), blankToNull(password), null, timeout, connectTimeout,
                    null, redisCircuitBreaker);
        }

        private Registry.@Nullable RedisOptions credentials(@Nullable String user, @Nullable String password,
                @Nullable Integer database) {
            if (user == null && password == null && database == null && redisTimeout == null
                    && redisConnectTimeout == null && redisCircuitBreaker == null) {
                return null;
            }
            return new Registry.RedisOptions(blankToNull(user), blankToNull(password), database, redisTimeout,
                    redisConnectTimeout, null, redisCircuitBreaker);
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
