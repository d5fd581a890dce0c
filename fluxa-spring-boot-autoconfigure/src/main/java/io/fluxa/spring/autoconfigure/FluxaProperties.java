package io.fluxa.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything under {@code fluxa.*}.
 *
 * @param pools Data pools by code. Entities use the 'default' pool unless they name another. When
 *     'default' declares no MySQL or no Redis connection, spring.datasource.* and spring.data.redis.*
 *     are used for it.
 * @param schema What to do with the MySQL schema on start-up.
 * @param web Servlet integration: request-scoped Context and auto-flush.
 * @param contextCache The per-Context entity cache of contexts created by Spring.
 * @param metrics Micrometer meters.
 * @param localCacheInvalidation How application instances keep each other's local caches in line.
 * @param options Free-form registry options, passed to Registry.setOption(key, value).
 * @param idBlockSize How many ids for new rows the engine reserves ahead per table with one Redis
 *     call, handing them out without a Redis round trip until they run out (Registry.idBlockSize). 1
 *     reserves the ids of each flush when it runs, keeping ids ahead for a table that inserted less
 *     than a second ago. Ids left in a block when the application stops are never used.
 */
@ConfigurationProperties("fluxa")
public record FluxaProperties(
        Map<String, Pool> pools,
        @DefaultValue Schema schema,
        @DefaultValue Web web,
        @DefaultValue ContextCache contextCache,
        @DefaultValue Metrics metrics,
        @DefaultValue LocalCacheInvalidation localCacheInvalidation,
        Map<String, String> options,
        @DefaultValue("1") int idBlockSize) {

    public FluxaProperties {
        pools = pools == null ? Map.of() : Map.copyOf(pools);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /**
     * One data pool: any combination of a MySQL connection, a Redis connection (direct or through
     * Sentinel), a local cache and Redis streams, all under one code.
     *
     * @param mysql MySQL/MariaDB connection of this pool.
     * @param useApplicationDataSource Whether this pool's MySQL uses the application's DataSource bean
     *     (Spring Boot's connection pool, configured by spring.datasource.*) instead of a connection pool of
     *     its own. Excludes 'mysql'.
     * @param redis Redis address: host:port, host:port:db, or a redis:// or rediss:// URI with optional
     *     credentials and database.
     * @param sentinel Redis reached through Sentinel, instead of 'redis'.
     * @param localCache Size in entries of this pool's in-process cache (0 = unlimited). Absent means
     *     no local cache pool.
     * @param streams Names of the Redis streams kept on this pool's Redis.
     * @param redisTimeout How long a Redis command of this pool may wait for its reply before it fails
     *     with PoolUnavailableException (and counts towards opening the pool's circuit breaker). Absent
     *     means the address's ?timeout=, else 2s.
     * @param redisConnectTimeout How long connecting to this pool's Redis may take. Absent means 2s.
     * @param redisCircuitBreaker When this pool's Redis circuit breaker opens and how it probes the
     *     server while open.
     */
    public record Pool(
            @Nullable MySql mysql,
            @DefaultValue("false") boolean useApplicationDataSource,
            @Nullable String redis,
            @Nullable Sentinel sentinel,
            @Nullable Long localCache,
            List<String> streams,
            @Nullable Duration redisTimeout,
            @Nullable Duration redisConnectTimeout,
            @Nullable RedisCircuitBreaker redisCircuitBreaker) {

        public Pool {
            streams = streams == null ? List.of() : List.copyOf(streams);
        }
    }

    /**
     * The circuit breaker of a pool's Redis; absent values keep their defaults.
     *
     * @param failureThreshold Commands in a row that must fail for want of the server (unreachable, or
     *     no answer within redis-timeout) before the breaker opens; any answer resets the count. Absent
     *     means 1.
     * @param openDuration How long the breaker stays open before it first probes the server with a
     *     PING. Absent means 250ms.
     * @param probeInterval How long the breaker waits between probes while the server does not
     *     answer. Absent means 1s.
     */
    public record RedisCircuitBreaker(
            @Nullable Integer failureThreshold,
            @Nullable Duration openDuration,
            @Nullable Duration probeInterval) {
    }

    /**
     * A MySQL/MariaDB connection.
     *
     * @param url JDBC URL, for example jdbc:mariadb://localhost:3306/app.
     * @param username Login user of the database.
     * @param password Login password of the database.
     * @param maxOpenConnections Maximum pooled connections. Absent means sized from the server's
     *     max_connections.
     * @param maxIdleConnections Connections kept open while idle. Absent means half of
     *     max-open-connections, set or computed (at least 1).
     * @param connectionMaxLifetime How long a connection may live. Absent means derived from the
     *     server's wait_timeout.
     * @param defaultCharset Character set of tables created by schema sync.
     * @param defaultCollation Collation of tables created by schema sync.
     * @param ignoredTables Tables schema sync leaves alone (never dropped or altered).
     * @param connectTimeout How long opening a connection, or waiting for a free pooled one, may take.
     *     Absent means 5s.
     * @param socketTimeout How long any reply of the server may take before the connection is given up,
     *     so a frozen or unreachable server fails a flush or read instead of blocking it; 0 = no limit.
     *     Absent means 15s.
     * @param statementTimeout How long one statement Fluxa runs may execute before the server cancels it
     *     (whole seconds; schema changes are not limited); 0 = no limit. Absent means 10s.
     */
    public record MySql(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            @Nullable Integer maxOpenConnections,
            @Nullable Integer maxIdleConnections,
            @Nullable Duration connectionMaxLifetime,
            @Nullable String defaultCharset,
            @Nullable String defaultCollation,
            List<String> ignoredTables,
            @Nullable Duration connectTimeout,
            @Nullable Duration socketTimeout,
            @Nullable Duration statementTimeout) {

        public MySql {
            ignoredTables = ignoredTables == null ? List.of() : List.copyOf(ignoredTables);
        }
    }

    /**
     * Redis behind Sentinel.
     *
     * @param master Name of the master the Sentinels monitor.
     * @param nodes Sentinel addresses as host:port.
     * @param database Redis database number.
     * @param username Redis user name (ACL).
     * @param password Redis password.
     */
    public record Sentinel(
            @Nullable String master,
            List<String> nodes,
            @DefaultValue("0") int database,
            @Nullable String username,
            @Nullable String password) {

        public Sentinel {
            nodes = nodes == null ? List.of() : List.copyOf(nodes);
        }
    }

    /**
     * Schema handling on start-up.
     *
     * @param mode What start-up does with the schema: 'none' leaves the database alone, 'validate'
     *     fails start-up listing the pending alters when the database does not match the entities,
     *     'update' applies the safe alters.
     * @param allowUnsafe Whether mode 'update' also applies alters that can lose data (dropping columns
     *     or tables, narrowing types).
     */
    public record Schema(
            @DefaultValue("none") SchemaMode mode,
            @DefaultValue("false") boolean allowUnsafe) {
    }

    /** What {@code fluxa.schema.mode} does on start-up. */
    public enum SchemaMode {
        /** Leave the database alone. */
        NONE,
        /** Fail start-up when alters are pending, listing them. */
        VALIDATE,
        /** Apply safe alters (and unsafe ones with {@code fluxa.schema.allow-unsafe}). */
        UPDATE
    }

    /**
     * Servlet integration.
     *
     * @param autoFlush Whether to flush the request's Context when the handler completes without an
     *     exception.
     * @param excludePatterns Request paths (Spring path patterns such as /internal/**) whose Context is
     *     never flushed automatically.
     * @param filterOrder Order of the auto-flush filter. The default runs it just inside Spring's
     *     request-context filter and outside Spring Security.
     * @param problemDetails Whether FluxaValidationException and DuplicateKeyException thrown by
     *     handlers become 400 and 409 problem+json responses.
     */
    public record Web(
            @DefaultValue("true") boolean autoFlush,
            List<String> excludePatterns,
            @DefaultValue("-104") int filterOrder,
            @DefaultValue("true") boolean problemDetails) {

        public Web {
            excludePatterns = excludePatterns == null ? List.of() : List.copyOf(excludePatterns);
        }
    }

    /**
     * The per-Context entity cache.
     *
     * @param enabled Whether a Context keeps the entities it loaded, for 'ttl'.
     * @param ttl How long a Context reuses an entity it already loaded.
     */
    public record ContextCache(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration ttl) {
    }

    /**
     * Micrometer meters.
     *
     * @param enabled Whether to record query timers, error counters, cache lookups and local cache
     *     usage when a MeterRegistry is present. When false nothing is attached to the contexts.
     */
    public record Metrics(@DefaultValue("true") boolean enabled) {
    }

    /**
     * Invalidation of local caches between application instances: each flush publishes the ids of
     * the changed rows of local-cached entities on a Redis pub/sub channel, and every other instance
     * drops those rows. An instance that loses the channel drops its cached rows and caches none
     * until it is subscribed again.
     *
     * @param enabled Whether the channel runs; it starts only when some entity has @LocalCache and a
     *     Redis pool is configured.
     * @param redisPool Redis pool carrying the channel. Absent means 'default', or the only Redis pool.
     * @param pingInterval How often the subscribed connection is checked with PING (each bounded by
     *     the pool's command timeout); an instance whose check fails drops its cached rows.
     */
    public record LocalCacheInvalidation(
            @DefaultValue("true") boolean enabled,
            String redisPool,
            @DefaultValue("1s") Duration pingInterval) {
    }
}
