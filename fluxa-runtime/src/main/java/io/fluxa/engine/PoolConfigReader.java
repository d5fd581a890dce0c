package io.fluxa.engine;

import io.fluxa.FluxaConfigException;
import io.fluxa.Registry;
import io.fluxa.redis.CircuitBreakerSettings;

import java.util.List;


/** Turns one {@code fluxa.pools.<code>} map into registry calls ({@link Registry#initByConfig}). */
public final class PoolConfigReader {

    /** Registers a Sentinel pool, naming {@code path} in errors (the block may sit under redis or beside it). */
    @FunctionalInterface
    public interface SentinelRegistration {
        void register(String code, String masterName, List<String> sentinels, int database,
                Registry.RedisOptions options, String path);
    }

    private static final List<String> POOL_KEYS = List.of("mysql", "redis", "sentinel", "local-cache", "streams");
    private static final List<String> MYSQL_KEYS = List.of("url", "username", "user", "password",
            "max-open-connections", "max-idle-connections", "connection-max-lifetime", "default-charset",
            "default-collation", "ignored-tables", "connect-timeout", "socket-timeout", "statement-timeout");
    private static final List<String> REDIS_KEYS = List.of("address", "uri", "user", "username", "password",
            "database", "sentinel", "timeout", "connect-timeout", "key-prefix", "circuit-breaker");
    private static final List<String> SENTINEL_KEYS = List.of("master", "nodes");
    /** The pool-level {@code sentinel} block (the Spring Boot property shape) carries the credentials itself. */
    private static final List<String> POOL_SENTINEL_KEYS = List.of("master", "nodes", "database", "user", "username",
            "password", "timeout", "connect-timeout", "key-prefix", "circuit-breaker");
    private static final List<String> CIRCUIT_BREAKER_KEYS = List.of("failure-threshold", "open-duration",
            "probe-interval");

    private PoolConfigReader() {
    }

    public static void read(Registry registry, SentinelRegistration sentinels, String code, Object settings) {
        String path = "fluxa.pools." + code;
        if (code == null || code.isBlank()) {
            throw new FluxaConfigException("fluxa.pools: pool codes must not be empty");
        }
        ConfigMaps pool = ConfigMaps.of(path, settings, POOL_KEYS);
        if (!pool.has("mysql") && !pool.has("redis") && !pool.has("sentinel") && !pool.has("local-cache")) {
            throw new FluxaConfigException(path + ": a pool needs at least one of mysql, redis, sentinel or local-cache");
        }
        pool.atMostOne("redis", "sentinel");
        if (pool.has("mysql")) {
            mysql(registry, code, ConfigMaps.of(path + ".mysql", pool.raw("mysql"), MYSQL_KEYS));
        }
        if (pool.has("redis")) {
            redis(registry, sentinels, code, path + ".redis", pool.raw("redis"));
        }
        if (pool.has("sentinel")) {
            ConfigMaps s = ConfigMaps.of(path + ".sentinel", pool.raw("sentinel"), POOL_SENTINEL_KEYS);
            s.atMostOne("username", "user");
            String user = s.has("username") ? s.string("username") : s.string("user");
            sentinel(sentinels, code, s, redisOptions(s, user));
        }
        if (pool.has("local-cache")) {
            registry.registerLocalCache(code, pool.longValue("local-cache", 0));
        }
        List<String> streams = pool.strings("streams");
        if (streams != null) {
            if (!pool.has("redis") && !pool.has("sentinel")) {
                throw new FluxaConfigException(path + ".streams: streams live in Redis; add fluxa.pools." + code
                        + ".redis");
            }
            for (String stream : streams) {
                registry.registerStream(stream, code);
            }
        }
    }

    private static void mysql(Registry registry, String code, ConfigMaps m) {
        m.atMostOne("username", "user");
        String user = m.has("username") ? m.string("username") : m.string("user");
        Registry.MySqlOptions options = new Registry.MySqlOptions(
                m.integer("max-open-connections", 1),
                m.integer("max-idle-connections", 0),
                m.duration("connection-max-lifetime"),
                m.string("default-charset"),
                m.string("default-collation"),
                m.strings("ignored-tables"),
                m.duration("connect-timeout"),
                m.duration("socket-timeout"),
                m.duration("statement-timeout"));
        registry.registerMySql(code, m.requiredString("url", "a JDBC URL such as jdbc:mariadb://localhost:3306/app"),
                user, m.string("password"), options);
    }

    private static void redis(Registry registry, SentinelRegistration sentinels, String code, String path,
            Object value) {
        if (value instanceof String address) {
            registry.registerRedis(code, address, null);
            return;
        }
        ConfigMaps r = ConfigMaps.of(path, value, REDIS_KEYS);
        r.atMostOne("username", "user");
        r.atMostOne("address", "uri", "sentinel");
        String user = r.has("username") ? r.string("username") : r.string("user");
        Registry.RedisOptions options = redisOptions(r, user);
        if (r.has("sentinel")) {
            sentinel(sentinels, code, ConfigMaps.of(path + ".sentinel", r.raw("sentinel"), SENTINEL_KEYS), options);
            return;
        }
        String address = r.has("address") ? r.string("address") : r.string("uri");
        if (address == null) {
            throw new FluxaConfigException(path + ".address: required; expected host:port[:db] or "
                    + "redis://[user:password@]host:port[/db] (or a sentinel block)");
        }
        registry.registerRedis(code, address, options);
    }

    private static Registry.RedisOptions redisOptions(ConfigMaps m, String user) {
        return new Registry.RedisOptions(user, m.string("password"), m.integer("database", 0), m.duration("timeout"),
                m.duration("connect-timeout"), m.string("key-prefix"), circuitBreaker(m));
    }

    private static CircuitBreakerSettings circuitBreaker(ConfigMaps m) {
        if (!m.has("circuit-breaker")) {
            return null;
        }
        String path = m.pathOf("circuit-breaker");
        ConfigMaps b = ConfigMaps.of(path, m.raw("circuit-breaker"), CIRCUIT_BREAKER_KEYS);
        CircuitBreakerSettings settings = CircuitBreakerSettings.DEFAULTS;
        try {
            Integer threshold = b.integer("failure-threshold", Integer.MIN_VALUE);
            if (threshold != null) {
                settings = settings.withFailureThreshold(threshold);
            }
            if (b.has("open-duration")) {
                settings = settings.withOpenDuration(b.duration("open-duration"));
            }
            if (b.has("probe-interval")) {
                settings = settings.withProbeInterval(b.duration("probe-interval"));
            }
        } catch (IllegalArgumentException e) {
            throw new FluxaConfigException(path + "." + e.getMessage(), e);
        }
        return settings;
    }

    private static void sentinel(SentinelRegistration sentinels, String code, ConfigMaps s,
            Registry.RedisOptions options) {
        List<String> nodes = s.strings("nodes");
        sentinels.register(code, s.requiredString("master", "the Sentinel master name"),
                nodes == null ? List.of() : nodes, options.database() == null ? 0 : options.database(), options,
                s.path());
    }
}
