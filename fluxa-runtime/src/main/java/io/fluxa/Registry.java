package io.fluxa;

import java.util.List;
import java.util.Map;

/**
 * Collects pools, streams, entity models and options, then {@link #validate()}s them into an
 * immutable {@link Engine}. Not thread-safe; use it once at start-up.
 */
public final class Registry {

    /** The pool code used when none is given. */
    public static final String DEFAULT_POOL = "default";

    // Skeleton: the implementation lands with issue 2 (runtime core).

    /** Registers a MySQL/MariaDB pool. {@code options} may be null. */
    public Registry registerMySql(String code, String jdbcUrl, String user, String password, MySqlOptions options) {
        throw new IllegalStateException("pending");
    }

    /**
     * Registers a Redis pool from {@code host:port}, {@code host:port:db} or a {@code redis://} /
     * {@code rediss://} URI with optional credentials and database.
     */
    public Registry registerRedis(String code, String address, RedisOptions options) {
        throw new IllegalStateException("pending");
    }

    /** Registers a Redis pool reached through Sentinel. */
    public Registry registerRedisSentinel(String code, String masterName, List<String> sentinels, int database,
            RedisOptions options) {
        throw new IllegalStateException("pending");
    }

    /** Registers a local cache pool holding at most {@code limit} entries (0 = unlimited). */
    public Registry registerLocalCache(String code, long limit) {
        throw new IllegalStateException("pending");
    }

    /** Registers a named Redis stream on a Redis pool. */
    public Registry registerStream(String name, String redisPool) {
        throw new IllegalStateException("pending");
    }

    /** Registers the entities of a generated model. */
    public Registry registerModel(EntityModel model) {
        throw new IllegalStateException("pending");
    }

    public Registry setOption(String key, Object value) {
        throw new IllegalStateException("pending");
    }

    /** Configures pools from a map of the {@code fluxa.pools} YAML shape. */
    public Registry initByConfig(Map<String, ?> pools) {
        throw new IllegalStateException("pending");
    }

    /** Connects every pool, checks versions, and returns the engine. */
    public Engine validate() {
        throw new IllegalStateException("pending");
    }

    /** Options of a MySQL pool; null fields take defaults (sized from the server when connecting). */
    public record MySqlOptions(Integer maxOpenConnections, Integer maxIdleConnections,
            java.time.Duration connectionMaxLifetime, String defaultCharset, String defaultCollation,
            List<String> ignoredTables) {
    }

    /** Options of a Redis pool; null fields take what the address says. */
    public record RedisOptions(String user, String password, Integer database) {
    }
}
