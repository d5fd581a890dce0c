package io.fluxa;

import io.fluxa.engine.EngineImpl;
import io.fluxa.engine.Instrumentation;
import io.lettuce.core.resource.ClientResources;
import io.fluxa.engine.EngineSettings;
import io.fluxa.engine.PoolConfigReader;
import io.fluxa.log.QueryLogHandler;
import io.fluxa.log.QueryLogRegistration;
import io.fluxa.redis.CircuitBreakerSettings;
import io.fluxa.redis.RedisAddress;
import io.fluxa.redis.RedisPoolSettings;
import io.fluxa.stream.EventCodec;
import io.fluxa.stream.StreamOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * Collects pools, streams, entity models and options, then {@link #validate()}s them into an
 * immutable {@link Engine}. Not thread-safe; use it once at start-up.
 *
 * <pre>{@code
 * Engine engine = new Registry()
 *         .registerMySql("default", "jdbc:mariadb://localhost:3306/app", "root", "", null)
 *         .registerRedis("default", "localhost:6379:0", null)
 *         .registerLocalCache("default", 100_000)
 *         .registerModel(new FluxaModel())
 *         .validate();
 * }</pre>
 */
public final class Registry {

    /** The pool code used when none is given. */
    public static final String DEFAULT_POOL = "default";

    private final Map<String, EngineSettings.MySqlPool> mysqlPools = new LinkedHashMap<>();
    private final Map<String, RedisAddress> redisPools = new LinkedHashMap<>();
    private final Map<String, RedisPoolSettings> redisSettings = new LinkedHashMap<>();
    private final Map<String, Long> localCaches = new LinkedHashMap<>();
    private final Map<String, String> streams = new LinkedHashMap<>();
    private final Map<String, StreamOptions> streamOptions = new LinkedHashMap<>();
    private final Map<Class<?>, EventCodec<?>> eventCodecs = new LinkedHashMap<>();
    private final List<EntityModel> models = new ArrayList<>();
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<QueryLogRegistration> queryLogHandlers = new ArrayList<>();
    private LocalCacheInvalidation localCacheInvalidation = LocalCacheInvalidation.DEFAULTS;
    private Instrumentation instrumentation = Instrumentation.NONE;
    private int idBlockSize = 1;

    /** Registers a MySQL/MariaDB pool. {@code options} may be null. */
    public Registry registerMySql(String code, String jdbcUrl, String user, String password, MySqlOptions options) {
        checkCode(code, "MySQL");
        if (mysqlPools.containsKey(code)) {
            throw new FluxaConfigException("fluxa.pools." + code + ".mysql: a MySQL pool '" + code
                    + "' is already registered; pool codes must be unique");
        }
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new FluxaConfigException("fluxa.pools." + code + ".mysql.url: '" + jdbcUrl
                    + "' is not a JDBC URL; expected e.g. jdbc:mariadb://localhost:3306/app or jdbc:mysql://localhost:3306/app");
        }
        MySqlOptions o = options == null ? MySqlOptions.DEFAULTS : options;
        o.check(code);
        mysqlPools.put(code, new EngineSettings.MySqlPool(code, jdbcUrl, user, password, o, null));
        return this;
    }

    /**
     * Registers a MySQL/MariaDB pool on a {@link DataSource} the application owns, such as Spring Boot's
     * connection pool, instead of a HikariCP pool of Fluxa's own. Fluxa borrows connections from it
     * and never closes it: its size, timeouts and credentials are the data source's. {@code options}
     * (may be null) may set only {@code defaultCollation} and {@code ignoredTables}; pool sizing and
     * {@code defaultCharset} (sent as {@code SET NAMES} on Fluxa's own connections) belong to the
     * data source.
     */
    public Registry registerMySql(String code, DataSource dataSource, MySqlOptions options) {
        checkCode(code, "MySQL");
        Objects.requireNonNull(dataSource, "dataSource");
        if (mysqlPools.containsKey(code)) {
            throw new FluxaConfigException("fluxa.pools." + code + ".mysql: a MySQL pool '" + code
                    + "' is already registered; pool codes must be unique");
        }
        MySqlOptions o = options == null ? MySqlOptions.DEFAULTS : options;
        o.check(code);
        o.checkForSharedDataSource(code);
        mysqlPools.put(code, new EngineSettings.MySqlPool(code, null, null, null, o, dataSource));
        return this;
    }

    /**
     * Registers a Redis pool from {@code host:port}, {@code host:port:db} or a {@code redis://} /
     * {@code rediss://} URI with optional credentials and database. {@code options} (may be null)
     * override the address's credentials and database.
     */
    public Registry registerRedis(String code, String address, RedisOptions options) {
        checkCode(code, "Redis");
        RedisAddress parsed;
        try {
            parsed = RedisAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new FluxaConfigException("fluxa.pools." + code + ".redis: " + e.getMessage());
        }
        return putRedis(code, parsed, options, "fluxa.pools." + code + ".redis");
    }

    /** Registers a Redis pool reached through Sentinel. */
    public Registry registerRedisSentinel(String code, String masterName, List<String> sentinels, int database,
            RedisOptions options) {
        registerRedisSentinel(code, masterName, sentinels, database, options,
                "fluxa.pools." + code + ".redis.sentinel");
        return this;
    }

    /** @param path the property path errors name: the sentinel block may sit under redis or beside it */
    private void registerRedisSentinel(String code, String masterName, List<String> sentinels, int database,
            RedisOptions options, String path) {
        checkCode(code, "Redis");
        RedisAddress parsed;
        try {
            parsed = RedisAddress.sentinel(masterName, sentinels, database);
        } catch (IllegalArgumentException e) {
            throw new FluxaConfigException(path + ": " + e.getMessage());
        }
        putRedis(code, parsed, options, path);
    }

    private Registry putRedis(String code, RedisAddress parsed, RedisOptions options, String path) {
        RedisAddress address = options == null ? parsed : parsed.with(options.user(), options.password(),
                options.database());
        RedisPoolSettings settings;
        try {
            settings = options == null ? new RedisPoolSettings(parsed.timeout(), null, null)
                    : new RedisPoolSettings(options.commandTimeout() == null ? parsed.timeout()
                            : options.commandTimeout(), options.connectTimeout(), options.keyPrefix(),
                            options.circuitBreaker());
        } catch (IllegalArgumentException e) {
            throw new FluxaConfigException(path + "." + e.getMessage());
        }
        if (redisPools.containsKey(code)) {
            throw new FluxaConfigException("fluxa.pools." + code + ".redis: a Redis pool '" + code
                    + "' is already registered; pool codes must be unique");
        }
        if (address.database() < 0) {
            throw new FluxaConfigException("fluxa.pools." + code + ".redis.database: " + address.database()
                    + " is not a Redis database number; expected 0 or more");
        }
        redisPools.put(code, address);
        redisSettings.put(code, settings);
        return this;
    }

    /** Registers a local cache pool holding at most {@code limit} entries (0 = unlimited). */
    public Registry registerLocalCache(String code, long limit) {
        checkCode(code, "local cache");
        if (limit < 0) {
            throw new FluxaConfigException("fluxa.pools." + code + ".local-cache: " + limit
                    + " is not a valid size; expected 0 (unlimited) or a positive number of entries");
        }
        if (localCaches.containsKey(code)) {
            throw new FluxaConfigException("fluxa.pools." + code + ".local-cache: a local cache '" + code
                    + "' is already registered; pool codes must be unique");
        }
        localCaches.put(code, limit);
        return this;
    }

    /** Registers a named Redis stream on a Redis pool, without consumer groups or length limit. */
    public Registry registerStream(String name, String redisPool) {
        return registerStream(name, redisPool, StreamOptions.DEFAULTS);
    }

    /**
     * Registers a named Redis stream on a Redis pool with its consumer groups (created by
     * {@link #validate()}) and trimming settings. A stream name can be registered once.
     */
    public Registry registerStream(String name, String redisPool, StreamOptions options) {
        if (name == null || name.isBlank()) {
            throw new FluxaConfigException("fluxa.pools." + redisPool + ".streams: a stream name must not be empty");
        }
        String existing = streams.get(name);
        if (existing != null) {
            throw new FluxaConfigException("fluxa.pools." + redisPool + ".streams: stream '" + name
                    + "' is already registered on Redis pool '" + existing + "'; stream names must be unique");
        }
        for (String group : Objects.requireNonNull(options, "options").groups()) {
            if (group == null || group.isBlank()) {
                throw new FluxaConfigException("fluxa.pools." + redisPool + ".streams: stream '" + name
                        + "' lists an empty consumer group name");
            }
        }
        streams.put(name, redisPool);
        streamOptions.put(name, options);
        return this;
    }

    /** Lets the event broker publish and read values of {@code codec.type()} (no reflection involved). */
    public Registry registerEventCodec(EventCodec<?> codec) {
        Objects.requireNonNull(codec, "codec");
        if (eventCodecs.putIfAbsent(Objects.requireNonNull(codec.type(), "codec.type()"), codec) != null) {
            throw new FluxaConfigException("an EventCodec for " + codec.type().getName()
                    + " is already registered; register one codec per type");
        }
        return this;
    }

    /** Registers the entities of a generated model. */
    public Registry registerModel(EntityModel model) {
        models.add(Objects.requireNonNull(model, "model"));
        return this;
    }

    /**
     * How application instances keep each other's local caches in line (on by default, on the
     * {@code default} Redis pool or the only one); {@link LocalCacheInvalidation#DISABLED} turns it off.
     */
    public Registry localCacheInvalidation(LocalCacheInvalidation settings) {
        this.localCacheInvalidation = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Lets the engine reserve ids for new rows in blocks of {@code size} per table (like Hibernate's
     * pooled optimizer): one Redis {@code INCRBY} reserves a block, and flushes take ids from it without
     * a Redis round trip until it runs out. 1, the default, reserves the ids of each flush when it runs.
     * Ids are then unique but not in insert order across engines, and ids left in a block when the
     * engine stops are never used; see docs/caching.md ("Id blocks") for ids the application chooses.
     *
     * @throws FluxaConfigException when {@code size} is below 1
     */
    public Registry idBlockSize(int size) {
        if (size < 1) {
            throw new FluxaConfigException("fluxa.id-block-size: expected 1 (no blocks) or more ids, got " + size);
        }
        this.idBlockSize = size;
        return this;
    }

    /** Sets an engine option, readable with {@link Engine#option(String)}. */
    public Registry setOption(String key, Object value) {
        if (key == null || key.isBlank()) {
            throw new FluxaConfigException("an option key must not be empty");
        }
        options.put(key, value);
        return this;
    }

    /**
     * Attaches a query log handler to every context the engine creates (metrics, auditing). Handlers
     * registered on a single context with {@link Context#registerQueryLogger} come on top.
     */
    public Registry addQueryLogHandler(QueryLogHandler handler, boolean mysql, boolean redis, boolean localCache) {
        queryLogHandlers.add(new QueryLogRegistration(Objects.requireNonNull(handler, "handler"), mysql, redis,
                localCache));
        return this;
    }

    /** Tells {@code observer} about every flush of the engine's contexts (tracing); see {@link FlushObserver}. */
    public Registry setFlushObserver(FlushObserver observer) {
        instrumentation = instrumentation.withFlushObserver(Objects.requireNonNull(observer, "observer"));
        return this;
    }

    /**
     * Adjusts the Lettuce {@code ClientResources} of every Redis pool before it connects; the
     * customizer gets the pool's code and the builder, e.g. {@code (pool, builder) ->
     * builder.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(meterRegistry, options))} for
     * Lettuce's own command meters. Customizers run in the order they were added.
     */
    public Registry customizeRedisClientResources(BiConsumer<String, ClientResources.Builder> customizer) {
        instrumentation = instrumentation.withRedisClientResources(Objects.requireNonNull(customizer, "customizer"));
        return this;
    }

    /**
     * Configures pools from a map of the {@code fluxa.pools} YAML shape: pool code → settings with
     * keys {@code mysql}, {@code redis}, {@code local-cache} and {@code streams}. See
     * docs/configuration.md for every key.
     */
    public Registry initByConfig(Map<String, ?> pools) {
        if (pools == null) {
            throw new FluxaConfigException("fluxa.pools: expected a map of pool code to settings, got nothing");
        }
        for (Map.Entry<String, ?> entry : pools.entrySet()) {
            PoolConfigReader.read(this, this::registerRedisSentinel, entry.getKey(), entry.getValue());
        }
        return this;
    }

    /** Connects every pool, checks versions, and returns the engine. */
    public Engine validate() {
        for (Map.Entry<String, String> stream : streams.entrySet()) {
            if (!redisPools.containsKey(stream.getValue())) {
                throw new FluxaConfigException("fluxa.pools." + stream.getValue() + ".streams: stream '"
                        + stream.getKey() + "' needs a Redis pool '" + stream.getValue() + "'; register one");
            }
        }
        return EngineImpl.start(settings());
    }

    /** A copy of everything registered so far. */
    EngineSettings settings() {
        return new EngineSettings(mysqlPools.values(), redisPools, redisSettings, localCaches, streams, models,
                options, queryLogHandlers, streamOptions, eventCodecs, localCacheInvalidation, instrumentation, idBlockSize);
    }

    private static void checkCode(String code, String kind) {
        if (code == null || code.isBlank()) {
            throw new FluxaConfigException("fluxa.pools: a " + kind + " pool needs a non-empty code");
        }
    }

    /**
     * Options of a MySQL pool; null fields take defaults. When the connection limits are not set
     * they are sized from the server's {@code max_connections} and {@code wait_timeout}.
     *
     * @param maxOpenConnections the most connections the pool opens
     * @param maxIdleConnections connections kept open when idle
     * @param connectionMaxLifetime connections are replaced after this long (at least 30 s)
     * @param defaultCharset charset of created tables, default {@code utf8mb4}
     * @param defaultCollation collation of created tables; default {@code utf8mb4_0900_ai_ci} on
     *     MySQL 8, {@code utf8mb4_unicode_ci} on MariaDB
     * @param ignoredTables tables schema sync must neither alter nor drop
     * @param connectTimeout how long opening a connection may take (default {@value #DEFAULT_CONNECT_SECONDS} s);
     *     also how long a flush or read waits for a free pooled connection
     * @param socketTimeout how long any reply of the server may take before the connection is given up
     *     (default {@value #DEFAULT_SOCKET_SECONDS} s, {@link Duration#ZERO} = no limit): bounds every call
     *     on a frozen or unreachable server
     * @param statementTimeout how long one statement Fluxa runs may execute before the server cancels it
     *     (default {@value #DEFAULT_STATEMENT_SECONDS} s, whole seconds, {@link Duration#ZERO} = no limit);
     *     schema changes are not limited
     */
    public record MySqlOptions(Integer maxOpenConnections, Integer maxIdleConnections, Duration connectionMaxLifetime,
            String defaultCharset, String defaultCollation, List<String> ignoredTables, Duration connectTimeout,
            Duration socketTimeout, Duration statementTimeout) {

        public static final long DEFAULT_CONNECT_SECONDS = 5;
        public static final long DEFAULT_SOCKET_SECONDS = 15;
        public static final long DEFAULT_STATEMENT_SECONDS = 10;

        static final MySqlOptions DEFAULTS = new MySqlOptions(null, null, null, null, null, null);

        public MySqlOptions {
            ignoredTables = ignoredTables == null ? List.of() : List.copyOf(ignoredTables);
        }

        /** Pool sizes, charset and ignored tables; every timeout at its default. */
        public MySqlOptions(Integer maxOpenConnections, Integer maxIdleConnections, Duration connectionMaxLifetime,
                String defaultCharset, String defaultCollation, List<String> ignoredTables) {
            this(maxOpenConnections, maxIdleConnections, connectionMaxLifetime, defaultCharset, defaultCollation,
                    ignoredTables, null, null, null);
        }

        /** {@link #connectTimeout()}, or its default. */
        public Duration connectTimeoutOrDefault() {
            return connectTimeout == null ? Duration.ofSeconds(DEFAULT_CONNECT_SECONDS) : connectTimeout;
        }

        /** {@link #socketTimeout()}, or its default; zero = no limit. */
        public Duration socketTimeoutOrDefault() {
            return socketTimeout == null ? Duration.ofSeconds(DEFAULT_SOCKET_SECONDS) : socketTimeout;
        }

        /** {@link #statementTimeout()}, or its default; zero = no limit. */
        public Duration statementTimeoutOrDefault() {
            return statementTimeout == null ? Duration.ofSeconds(DEFAULT_STATEMENT_SECONDS) : statementTimeout;
        }

        void check(String code) {
            MySqlOptionsChecks.check(this, code);
        }

        /** A pool on a data source the application owns takes only the schema settings. */
        void checkForSharedDataSource(String code) {
            MySqlOptionsChecks.checkForSharedDataSource(this, code);
        }
    }

    /**
     * Options of a Redis pool; null fields keep what the address says, or the defaults.
     *
     * @param commandTimeout how long a command may wait for its reply (default 2 s, or the address's {@code ?timeout=})
     * @param connectTimeout how long connecting may take (default 2 s)
     * @param keyPrefix put before the keys Fluxa owns on this pool ({@link io.fluxa.redis.RedisPool#keyPrefix()})
     * @param circuitBreaker when the pool's circuit breaker opens and how it probes (null = defaults)
     */
    public record RedisOptions(String user, String password, Integer database, Duration commandTimeout,
            Duration connectTimeout, String keyPrefix, CircuitBreakerSettings circuitBreaker) {

        /** Everything but the circuit breaker, which keeps its defaults. */
        public RedisOptions(String user, String password, Integer database, Duration commandTimeout,
                Duration connectTimeout, String keyPrefix) {
            this(user, password, database, commandTimeout, connectTimeout, keyPrefix, null);
        }

        /** Credentials and database only. */
        public RedisOptions(String user, String password, Integer database) {
            this(user, password, database, null, null, null);
        }
    }
}
