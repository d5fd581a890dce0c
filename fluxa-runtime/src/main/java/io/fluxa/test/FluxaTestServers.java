package io.fluxa.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where the MySQL/MariaDB and Redis servers used by tests are, and the one way tests get databases
 * there that no other build touches. By default the servers come from environment variables
 * ({@link #fromEnvironment()}); a {@link Provider} named in {@link FluxaTest#servers()} can supply
 * them instead, e.g. from Testcontainers containers.
 *
 * <p>Every test JVM is a <em>test run</em> with a random {@link #runId() id}. A run's MySQL databases
 * end with that id ({@link #databaseName(String)}, {@link #createDatabase(String)}), and it uses only
 * Redis databases it has <em>leased</em> ({@link #redisDatabase(int)}): a lease is a key in Redis
 * database 0 that names the run and expires unless the run renews it, so two builds on one machine
 * never use the same Redis database at the same time, and {@link #flushRedisDatabase(int)} empties
 * only a leased one. At JVM exit the run drops its databases and releases its leases; databases of a
 * run that was killed are dropped by the next run on the same servers. {@link FluxaTest} classes get
 * theirs this way too; plain tests call these methods themselves.
 *
 * <p>The MySQL URL names a <em>server</em>, not a database: the run creates and drops its own
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
     * allowed). Default {@value #DEFAULT_REDIS}. A database number in it is ignored: test runs lease
     * their databases.
     */
    public static final String ENV_REDIS = "FLUXA_TEST_REDIS";
    /**
     * The Redis databases test runs may lease (and empty), e.g. {@code 8-15} or {@code 3,5,10-12}.
     * Default: every database of the server but 0, which holds the runs' leases.
     */
    public static final String ENV_REDIS_DATABASES = "FLUXA_TEST_REDIS_DATABASES";

    public static final String DEFAULT_MYSQL_URL = "jdbc:mariadb://127.0.0.1:3306/";
    public static final String DEFAULT_MYSQL_USER = "root";
    public static final String DEFAULT_REDIS = "127.0.0.1:6379";

    private final String mysqlUrl;
    private final String mysqlUser;
    private final String mysqlPassword;
    private final String redis;
    /** The Redis databases runs may lease; null = all but 0. */
    private final List<Integer> redisDatabases;
    /** Who supplied these settings, for error messages: null = environment variables. */
    private final String source;

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private FluxaTestServers(String mysqlUrl, String mysqlUser, String mysqlPassword, String redis,
            List<Integer> redisDatabases, String source) {
        this.mysqlUrl = Objects.requireNonNull(mysqlUrl, "mysqlUrl");
        this.mysqlUser = mysqlUser;
        this.mysqlPassword = mysqlPassword == null ? "" : mysqlPassword;
        this.redis = Objects.requireNonNull(redis, "redis");
        this.redisDatabases = redisDatabases;
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
        return new FluxaTestServers(mysqlUrl, mysqlUser, mysqlPassword, redis, null, "code");
    }

    /**
     * Settings from {@value #ENV_MYSQL_URL}, {@value #ENV_MYSQL_USER}, {@value #ENV_MYSQL_PASSWORD},
     * {@value #ENV_REDIS} and {@value #ENV_REDIS_DATABASES}.
     */
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
                redisDatabases(env.get(ENV_REDIS_DATABASES)),
                null);
    }

    /** Parses {@code 8-15} or {@code 3,5,10-12}; null or blank = all but 0. */
    static List<Integer> redisDatabases(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        TreeSet<Integer> databases = new TreeSet<>();
        try {
            for (String part : spec.split(",")) {
                String[] range = part.trim().split("-", -1);
                int from = Integer.parseInt(range[0].trim());
                int to = range.length == 2 ? Integer.parseInt(range[1].trim()) : from;
                if (range.length > 2 || from < 1 || to < from) {
                    throw new NumberFormatException();
                }
                for (int db = from; db <= to; db++) {
                    databases.add(db);
                }
            }
        } catch (NumberFormatException e) {
            throw new io.fluxa.FluxaConfigException(ENV_REDIS_DATABASES + "='" + spec + "': expected database "
                    + "numbers and ranges from 1 up, e.g. 8-15 or 3,5,10-12 (database 0 holds the test runs' leases)");
        }
        return List.copyOf(databases);
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    FluxaTestServers from(Class<?> provider) {
        return new FluxaTestServers(mysqlUrl, mysqlUser, mysqlPassword, redis, redisDatabases, provider.getName());
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

    // ---- the test run: databases and Redis databases of this JVM only ------------------------------

    /** The id of this JVM's test run: 8 random characters {@code [0-9a-z]}. */
    public static String runId() {
        return TestRun.current().id();
    }

    /**
     * The name of this run's database for {@code base}: {@code base_<runId>}, the base cut so the
     * name fits MySQL's 64 characters. A name that already ends with this run's id is returned as it
     * is, so passing a result in again is harmless.
     *
     * @param base letters, digits and {@code _}
     */
    public static String databaseName(String base) {
        if (base == null || !DATABASE_NAME.matcher(base).matches()) {
            throw new io.fluxa.FluxaConfigException("test database base name '" + base
                    + "': expected letters, digits and '_' only");
        }
        return TestRun.current().databaseName(base);
    }

    /**
     * Creates this run's database {@link #databaseName(String) databaseName(base)} on the MySQL
     * server, empty (dropping it first when it exists), and returns its name. The run records it, so
     * it is dropped at JVM exit if {@link #dropDatabase(String)} was not called, or by a later run if
     * this JVM is killed.
     */
    public String createDatabase(String base) {
        return createDatabases(List.of(base)).get(0);
    }

    List<String> createDatabases(List<String> bases) {
        List<String> checked = new ArrayList<>();
        for (String base : bases) {
            checked.add(databaseName(base));
        }
        return TestRun.current().createDatabases(this, checked);
    }

    /** Drops a database of this run (created with {@link #createDatabase(String)}) and forgets it. */
    public void dropDatabase(String name) {
        dropDatabases(List.of(name));
    }

    void dropDatabases(List<String> names) {
        TestRun.current().dropDatabases(this, names);
    }

    /** Keeps databases of this run after it ends: they are no longer dropped at exit or by a later run. */
    void keepDatabases(List<String> names) {
        TestRun.current().keepDatabases(this, names);
    }

    /** The Redis database this run holds for slot 0, leased on first use; see {@link #redisDatabase(int)}. */
    public int redisDatabase() {
        return redisDatabase(0);
    }

    /**
     * The Redis database this run holds for {@code slot}. On first use of a slot the run leases a
     * free database (one no other run holds, from {@value #ENV_REDIS_DATABASES}, never 0) and empties
     * it; the same slot then gives the same database until the JVM exits, different slots give
     * different databases. Fails with a clear error when every allowed database is leased.
     */
    public int redisDatabase(int slot) {
        return TestRun.current().redisDatabase(this, slot);
    }

    /**
     * Empties ({@code FLUSHDB}) a Redis database this run leased. Any other database is never
     * touched: the call fails instead, since another build may be using it.
     */
    public void flushRedisDatabase(int database) {
        TestRun.current().flushRedis(this, database);
    }

    /**
     * Empties what tests wrote through {@code engine} — exactly what {@link FluxaTest} does before
     * every test: the rows of every entity table (only tables that hold rows, with foreign key checks
     * off), the Redis database of every Redis pool of the engine, and every local cache. Each Redis
     * pool must point at a database this run leased ({@link #redisDatabase(int)}); any other fails
     * instead of being emptied. Tables that are not entities are left alone.
     */
    public void clean(io.fluxa.Engine engine) {
        EngineCleaner.clean(engine, this, "Fluxa test cleaning");
    }

    /**
     * The address of Redis database {@code database} on the test server in the form
     * {@code Registry.registerRedis} and the {@code fluxa.pools.<pool>.redis} property take:
     * {@code host:port:db}, or the {@code redis://} URI with the database as its path.
     */
    public String redisAddress(int database) {
        String r = redis;
        int scheme = r.indexOf("://");
        if (scheme >= 0) {
            int query = r.indexOf('?');
            String tail = query < 0 ? "" : r.substring(query);
            String head = query < 0 ? r : r.substring(0, query);
            int slash = head.indexOf('/', scheme + 3);
            return (slash < 0 ? head : head.substring(0, slash)) + "/" + database + tail;
        }
        String[] parts = r.split(":");
        return parts[0] + ":" + (parts.length > 1 ? parts[1] : "6379") + ":" + database;
    }

    /** The Redis databases runs may lease; null = all but 0. */
    List<Integer> allowedRedisDatabases() {
        return redisDatabases;
    }

    /** Identifies the MySQL server in the runs' records: the URL without database and query. */
    String mysqlServer() {
        String url = serverUrl();
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The JDBC URL of the server itself (no database), for {@code CREATE DATABASE}. */
    String serverUrl() {
        return databaseUrl("");
    }

    /** The JDBC URL of {@code database} on this server, keeping any query parameters. */
    public String databaseUrl(String database) {
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
