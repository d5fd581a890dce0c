package io.fluxa.test;

import java.util.Map;
import java.util.Objects;

/**
 * Where the MySQL/MariaDB and Redis servers used by {@link FluxaTest} classes are. By default they
 * come from environment variables ({@link #fromEnvironment()}); a {@link Provider} named in
 * {@link FluxaTest#servers()} can supply them instead, e.g. from Testcontainers containers.
 *
 * <p>The MySQL URL names a <em>server</em>, not a database: the extension creates and drops its own
 * databases there, so the user needs the {@code CREATE} and {@code DROP} privileges. A database or
 * query part in the URL is allowed; the database part is replaced, the query part kept.
 */
public final class FluxaTestServers {

    /** JDBC URL of the MySQL/MariaDB server, without a database. Default {@value #DEFAULT_MYSQL_URL}. */
    public static final String ENV_MYSQL_URL = "FLUXA_TEST_MYSQL_URL";
    /** MySQL user. Default {@value #DEFAULT_MYSQL_USER}. */
    public static final String ENV_MYSQL_USER = "FLUXA_TEST_MYSQL_USER";
    /** MySQL password. Default empty. */
    public static final String ENV_MYSQL_PASSWORD = "FLUXA_TEST_MYSQL_PASSWORD";
    /**
     * Redis server as {@code host:port} or a {@code redis://} / {@code rediss://} URI (credentials
     * allowed). Default {@value #DEFAULT_REDIS}. The database number always comes from
     * {@link FluxaTest#redisDb()}.
     */
    public static final String ENV_REDIS = "FLUXA_TEST_REDIS";

    public static final String DEFAULT_MYSQL_URL = "jdbc:mariadb://127.0.0.1:3306/";
    public static final String DEFAULT_MYSQL_USER = "root";
    public static final String DEFAULT_REDIS = "127.0.0.1:6379";

    private final String mysqlUrl;
    private final String mysqlUser;
    private final String mysqlPassword;
    private final String redis;
    /** Who supplied these settings, for error messages: null = environment variables. */
    private final String source;

    private FluxaTestServers(String mysqlUrl, String mysqlUser, String mysqlPassword, String redis, String source) {
        this.mysqlUrl = Objects.requireNonNull(mysqlUrl, "mysqlUrl");
        this.mysqlUser = mysqlUser;
        this.mysqlPassword = mysqlPassword == null ? "" : mysqlPassword;
        this.redis = Objects.requireNonNull(redis, "redis");
        this.source = source;
    }

    /**
     * Explicit settings, e.g. from Testcontainers.
     *
     * @param mysqlUrl JDBC URL of the server, e.g. {@code jdbc:mysql://localhost:32768/}; a database
     *     in it is ignored
     * @param redis {@code host:port} or a {@code redis://} URI
     */
    public static FluxaTestServers of(String mysqlUrl, String mysqlUser, String mysqlPassword, String redis) {
        return new FluxaTestServers(mysqlUrl, mysqlUser, mysqlPassword, redis, "code");
    }

    /** Settings from {@value #ENV_MYSQL_URL}, {@value #ENV_MYSQL_USER}, {@value #ENV_MYSQL_PASSWORD} and {@value #ENV_REDIS}. */
    public static FluxaTestServers fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Unset or blank variables take the local defaults. */
    static FluxaTestServers fromEnvironment(Map<String, String> env) {
        return new FluxaTestServers(
                value(env, ENV_MYSQL_URL, DEFAULT_MYSQL_URL),
                value(env, ENV_MYSQL_USER, DEFAULT_MYSQL_USER),
                env.get(ENV_MYSQL_PASSWORD) == null ? "" : env.get(ENV_MYSQL_PASSWORD),
                value(env, ENV_REDIS, DEFAULT_REDIS),
                null);
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    FluxaTestServers from(Class<?> provider) {
        return new FluxaTestServers(mysqlUrl, mysqlUser, mysqlPassword, redis, provider.getName());
    }

    public String mysqlUrl() {
        return mysqlUrl;
    }

    public String mysqlUser() {
        return mysqlUser;
    }

    public String mysqlPassword() {
        return mysqlPassword;
    }

    public String redis() {
        return redis;
    }

    /** The JDBC URL of the server itself (no database), for {@code CREATE DATABASE}. */
    String serverUrl() {
        return databaseUrl("");
    }

    /** The JDBC URL of {@code database} on this server, keeping any query parameters. */
    String databaseUrl(String database) {
        String url = mysqlUrl;
        String query = "";
        int q = url.indexOf('?');
        if (q >= 0) {
            query = url.substring(q);
            url = url.substring(0, q);
        }
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        String server = slash < 0 ? url : url.substring(0, slash);
        return server + "/" + database + query;
    }

    /** What to change when the MySQL server cannot be used. */
    String mysqlHint() {
        if (source == null) {
            return "Start MySQL/MariaDB there, or point the tests at a server where this user may create "
                    + "databases: set " + ENV_MYSQL_URL + " (a server URL without a database, e.g. "
                    + DEFAULT_MYSQL_URL + "), " + ENV_MYSQL_USER + " and " + ENV_MYSQL_PASSWORD + ".";
        }
        return "Check the MySQL settings supplied by " + source + ".";
    }

    /** What to change when the Redis server cannot be used. */
    String redisHint() {
        if (source == null) {
            return "Start Redis there, or set " + ENV_REDIS + " (host:port or a redis:// URI, e.g. "
                    + DEFAULT_REDIS + ").";
        }
        return "Check the Redis settings supplied by " + source + ".";
    }

    /** Identifies the Redis server for resource locks; never contains a password. */
    String redisLockKey() {
        String r = redis;
        int at = r.lastIndexOf('@');
        int scheme = r.indexOf("://");
        if (at >= 0 && scheme >= 0) {
            r = r.substring(0, scheme + 3) + r.substring(at + 1);
        }
        return r;
    }

    @Override
    public String toString() {
        return "FluxaTestServers[mysql=" + mysqlUrl + " as " + mysqlUser + ", redis=" + redisLockKey() + "]";
    }

    /**
     * Supplies the servers for the classes that name it in {@link FluxaTest#servers()}. Needs a public
     * no-argument constructor; it is created once per test class, so start shared containers in a
     * static holder.
     */
    public interface Provider {
        FluxaTestServers servers();
    }
}
