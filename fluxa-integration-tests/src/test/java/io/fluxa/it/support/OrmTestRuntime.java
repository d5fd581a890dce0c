package io.fluxa.it.support;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.Registry;
import io.fluxa.cache.LocalCache;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.MySqlSchemaSync;
import io.lettuce.core.api.StatefulRedisConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            String url = MiniEngine.env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
            try (Connection c = DriverManager.getConnection(url, MiniEngine.env("FLUXA_TEST_MYSQL_USER", "root"),
                    MiniEngine.env("FLUXA_TEST_MYSQL_PASSWORD", ""));
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS `" + database + "`");
                s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare test database " + database, e);
            }
        }
        this.engine = new MiniEngine(database, redisDb);
        if (recreate) {
            redisConnection().sync().flushdb();
            List<EntitySchema> entities = new ArrayList<>();
            for (EntityModel model : ServiceLoader.load(EntityModel.class)) {
                entities.addAll(model.schema().entities());
            }
            new MySqlSchemaSync(entities, Map.of(Registry.DEFAULT_POOL, engine.db(Registry.DEFAULT_POOL)), Map.of())
                    .apply(true);
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

    @Override
    public void close() {
        engine.close();
    }
}
