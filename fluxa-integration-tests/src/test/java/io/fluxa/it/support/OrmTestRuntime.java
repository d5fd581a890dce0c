package io.fluxa.it.support;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.cache.LocalCache;
import io.fluxa.test.FluxaTestServers;
import io.lettuce.core.api.StatefulRedisConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * What an ORM test class runs against: an {@link Engine} on a MySQL database of this test run and the
 * Redis database the run leased (see {@link FluxaTestServers}: no other build uses either), with the
 * tables of every generated entity, plus direct access to MySQL and Redis so tests can check what
 * really is stored.
 */
public final class OrmTestRuntime implements AutoCloseable {

    static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();

    private final Engine engine;
    private final String database;

    /** Creates this run's database for {@code base} with the tables, empties the run's Redis database. */
    public OrmTestRuntime(String base) {
        this(base, true);
    }

    /**
     * @param recreate false to attach to the database and Redis data another runtime prepared, like a
     *     second application instance does
     */
    public OrmTestRuntime(String base, boolean recreate) {
        this(base, recreate, null);
    }

    /**
     * A second application instance on the database and Redis data another runtime prepared, whose
     * Redis connections go to {@code redisHostPort} (e.g. a proxy in front of the test Redis).
     */
    public static OrmTestRuntime attachedThrough(String base, String redisHostPort) {
        return new OrmTestRuntime(base, false, redisHostPort);
    }

    /**
     * A second application instance on the database and Redis data another runtime prepared, whose
     * MySQL statements are cancelled after {@code statementTimeout}.
     */
    public static OrmTestRuntime attachedWithStatementTimeout(String base, java.time.Duration statementTimeout) {
        return new OrmTestRuntime(base, false, null, new Registry.MySqlOptions(8, 2, null, null, null, null, null,
                null, statementTimeout));
    }

    /**
     * A second application instance on the database and Redis data another runtime prepared, whose
     * MySQL sessions start with {@code sessionVariables} (the driver's option, e.g.
     * {@code innodb_lock_wait_timeout=1}).
     */
    public static OrmTestRuntime attachedWithSessionVariables(String base, String sessionVariables) {
        return new OrmTestRuntime(base, false, null, new Registry.MySqlOptions(8, 2, null, null, null, null),
                sessionVariables);
    }

    /**
     * A second application instance on the database and Redis data another runtime prepared, whose
     * engine reserves ids in blocks of {@code idBlockSize}, with its Redis connections going to
     * {@code redisHostPort} (null: the test Redis itself).
     */
    public static OrmTestRuntime attachedWithIdBlocks(String base, int idBlockSize, String redisHostPort) {
        return new OrmTestRuntime(base, false, redisHostPort, new Registry.MySqlOptions(8, 2, null, null, null, null),
                null, idBlockSize);
    }

    /** The test Redis as {@code host:port}. */
    public static String redisHostPort() {
        String address = SERVERS.redis();
        if (address.contains("://")) {
            throw new IllegalStateException("this test needs FLUXA_TEST_REDIS as host:port, got " + address);
        }
        return address.contains(":") ? address : address + ":6379";
    }

    private OrmTestRuntime(String base, boolean recreate, String redisHostPort) {
        this(base, recreate, redisHostPort, new Registry.MySqlOptions(8, 2, null, null, null, null));
    }

    private OrmTestRuntime(String base, boolean recreate, String redisHostPort, Registry.MySqlOptions mysqlOptions) {
        this(base, recreate, redisHostPort, mysqlOptions, null);
    }

    private OrmTestRuntime(String base, boolean recreate, String redisHostPort, Registry.MySqlOptions mysqlOptions,
            String sessionVariables) {
        this(base, recreate, redisHostPort, mysqlOptions, sessionVariables, 1);
    }

    private OrmTestRuntime(String base, boolean recreate, String redisHostPort, Registry.MySqlOptions mysqlOptions,
            String sessionVariables, int idBlockSize) {
        this.database = recreate ? SERVERS.createDatabase(base) : FluxaTestServers.databaseName(base);
        String redisAddress = redisHostPort == null ? SERVERS.redisAddress(SERVERS.redisDatabase())
                : redisHostPort + ":" + SERVERS.redisDatabase();
        Registry registry = new Registry()
                .registerMySql(Registry.DEFAULT_POOL,
                        withSessionVariables(SERVERS.databaseUrl(database), sessionVariables), SERVERS.mysqlUser(),
                        SERVERS.mysqlPassword(), mysqlOptions)
                .registerRedis(Registry.DEFAULT_POOL, redisAddress, null)
                .registerLocalCache(Registry.DEFAULT_POOL, 0)
                .idBlockSize(idBlockSize);
        for (EntityModel model : ServiceLoader.load(EntityModel.class)) {
            registry.registerModel(model);
        }
        this.engine = registry.validate();
        if (recreate) {
            flushRedis();
            engine.schema().applyAlters(true);
        }
    }

    private static String withSessionVariables(String url, String sessionVariables) {
        return sessionVariables == null ? url
                : url + (url.contains("?") ? "&" : "?") + "sessionVariables=" + sessionVariables;
    }

    /** The name of the MySQL database (it ends with the test run's id). */
    public String database() {
        return database;
    }

    /** Empties the Redis database, which this test run leased. */
    public void flushRedis() {
        SERVERS.flushRedisDatabase(engine.redis(Registry.DEFAULT_POOL).database());
        engine.forgetReservedIds(); // reserved from the counters just emptied
    }

    /** Closes the engine and drops the database. */
    public void dropDatabase() {
        close();
        SERVERS.dropDatabase(database);
    }

    public Engine engine() {
        return engine;
    }

    public Context newContext() {
        return engine.newContext();
    }

    public LocalCache local() {
        return engine.localCache(Registry.DEFAULT_POOL);
    }

    /** Entries in the default local cache pool, including the entity caches with a size of their own. */
    public long localEntries() {
        long used = local().usage().used();
        for (LocalCache entityCache : local().entityCaches()) {
            used += entityCache.usage().used();
        }
        return used;
    }

    public StatefulRedisConnection<String, byte[]> redisConnection() {
        return engine.redis(Registry.DEFAULT_POOL).connection();
    }

    public DataSource dataSource() {
        return engine.db(Registry.DEFAULT_POOL).dataSource();
    }

    /** Runs SQL directly, bypassing the ORM. */
    public void sql(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** What {@code sql} selects, read directly from MySQL: the first column (an id) → the second, as text. */
    public Map<Long, String> mysqlMap(String sql) {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return rows;
    }

    /**
     * Applies what the async flush stream of MySQL pool {@code pool} holds (a consumer's drain) and
     * deletes its dead letters: a test starts from an empty stream, whatever an earlier one left.
     */
    public void emptyAsyncFlushStream(String pool) {
        try (AsyncFlushConsumer consumer = engine.asyncFlush().consumer(pool, AsyncFlushOptions.DEFAULTS)) {
            consumer.drain();
        }
        redisConnection().sync().del(engine.asyncFlush().streamKey(pool) + ":dead");
    }

    @Override
    public void close() {
        engine.close();
    }
}
