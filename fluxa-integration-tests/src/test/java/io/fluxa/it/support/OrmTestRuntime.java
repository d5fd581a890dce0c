package io.fluxa.it.support;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.Registry;
import io.fluxa.cache.LocalCache;
import io.lettuce.core.api.StatefulRedisConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ServiceLoader;

/**
 * What an ORM test class runs against: an {@link Engine} on a MySQL database and a Redis database of
 * its own, with the tables of every generated entity, plus direct access to MySQL and Redis so tests
 * can check what really is stored.
 */
public final class OrmTestRuntime implements AutoCloseable {

    private final Engine engine;

    /** Recreates MySQL database {@code database}, empties Redis database {@code redisDb}, creates the tables. */
    public OrmTestRuntime(String database, int redisDb) {
        this(database, redisDb, true);
    }

    /**
     * @param recreate false to attach to the database and Redis data another runtime prepared, like a
     *     second application instance does
     */
    public OrmTestRuntime(String database, int redisDb, boolean recreate) {
        if (recreate) {
            String url = env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
            try (Connection c = DriverManager.getConnection(url, env("FLUXA_TEST_MYSQL_USER", "root"),
                    env("FLUXA_TEST_MYSQL_PASSWORD", ""));
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS `" + database + "`");
                s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare test database " + database, e);
            }
        }
        Registry registry = new Registry()
                .registerMySql(Registry.DEFAULT_POOL, env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/")
                        + database, env("FLUXA_TEST_MYSQL_USER", "root"), env("FLUXA_TEST_MYSQL_PASSWORD", ""),
                        new Registry.MySqlOptions(8, 2, null, null, null, null))
                .registerRedis(Registry.DEFAULT_POOL, env("FLUXA_TEST_REDIS", "127.0.0.1:6379") + ":" + redisDb, null)
                .registerLocalCache(Registry.DEFAULT_POOL, 0);
        for (EntityModel model : ServiceLoader.load(EntityModel.class)) {
            registry.registerModel(model);
        }
        this.engine = registry.validate();
        if (recreate) {
            redisConnection().sync().flushdb();
            engine.schema().applyAlters(true);
        }
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

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        engine.close();
    }
}
