package io.fluxa.engine;

import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.log.DispatchingQueryLogger;
import io.fluxa.mysql.HikariMySqlPool;
import io.fluxa.redis.LettuceRedisPool;
import io.fluxa.redis.RedisAddress;
import io.fluxa.redis.RedisPoolSettings;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the engine's pools at start-up: connects, checks the server and sizes Fluxa's own MySQL pools. */
final class PoolConnector {

    private final DispatchingQueryLogger engineLogger;
    private final Instrumentation instrumentation;

    PoolConnector(DispatchingQueryLogger engineLogger, Instrumentation instrumentation) {
        this.engineLogger = engineLogger;
        this.instrumentation = instrumentation;
    }

    HikariMySqlPool connectMySql(EngineSettings.MySqlPool c) {
        if (c.dataSource() != null) {
            return connectSharedMySql(c);
        }
        Registry.MySqlOptions o = c.options();
        HikariConfig config = new HikariConfig();
        config.setPoolName("fluxa-" + c.code());
        config.setJdbcUrl(c.url());
        config.setUsername(c.user());
        config.setPassword(c.password());
        config.setMaximumPoolSize(o.maxOpenConnections() == null ? 2 : o.maxOpenConnections());
        config.setMinimumIdle(o.maxIdleConnections() == null ? 1
                : Math.min(o.maxIdleConnections(), config.getMaximumPoolSize()));
        if (o.connectionMaxLifetime() != null) {
            config.setMaxLifetime(o.connectionMaxLifetime().toMillis());
        }
        // connect-timeout bounds opening a connection and waiting for a free one; socket-timeout every
        // reply (a frozen server); the statement-timeout is set on each statement by the pool
        long connectMillis = o.connectTimeoutOrDefault().toMillis();
        config.setConnectionTimeout(connectMillis);
        config.setValidationTimeout(Math.max(250, Math.min(5_000, connectMillis / 2)));
        config.addDataSourceProperty("connectTimeout", Long.toString(connectMillis));
        config.addDataSourceProperty("socketTimeout", Long.toString(o.socketTimeoutOrDefault().toMillis()));
        config.setConnectionInitSql(MySqlCharsets.initSql(o));
        HikariDataSource dataSource;
        try {
            MySqlCharsets.check(c.code(), o, config);
            dataSource = new HikariDataSource(config);
        } catch (FluxaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PoolUnavailableException(c.code(), "MySQL pool '" + c.code() + "' is unreachable at "
                    + c.url() + ": " + rootMessage(e) + ". Check fluxa.pools." + c.code()
                    + ".mysql (url, username, password) and that the server is running.", e);
        }
        try (Connection conn = dataSource.getConnection(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION(), DATABASE(), @@max_connections, @@wait_timeout")) {
            rs.next();
            String version = rs.getString(1);
            String database = rs.getString(2);
            ServerVersions.checkMySql(c.code(), version);
            if (database == null) {
                throw new FluxaConfigException("fluxa.pools." + c.code() + ".mysql.url: '" + c.url()
                        + "' names no database; expected e.g. jdbc:mariadb://localhost:3306/app");
            }
            PoolSizing sizing = PoolSizing.of(rs.getInt(3), rs.getLong(4));
            if (o.maxOpenConnections() == null) {
                dataSource.setMaximumPoolSize(sizing.maxOpen());
            }
            // Re-applied even when set explicitly: the start-up cap above used the provisional pool size.
            // An unset idle count is half of the open limit in force, whether computed or set.
            int idle = o.maxIdleConnections() == null ? PoolSizing.idleFor(dataSource.getMaximumPoolSize())
                    : o.maxIdleConnections();
            dataSource.setMinimumIdle(Math.min(idle, dataSource.getMaximumPoolSize()));
            if (o.connectionMaxLifetime() == null) {
                dataSource.setMaxLifetime(sizing.maxLifetime().toMillis());
            }
            return new HikariMySqlPool(c.code(), dataSource, database, version, new HikariMySqlPool.Timeouts(
                    o.connectTimeoutOrDefault(), o.socketTimeoutOrDefault(), o.statementTimeoutOrDefault()),
                    engineLogger);
        } catch (SQLException e) {
            dataSource.close();
            throw new PoolUnavailableException(c.code(), "MySQL pool '" + c.code() + "' failed its start-up check: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * A pool on a data source the application owns: the same start-up check as Fluxa's own pools, on
     * a borrowed connection; nothing is resized, and the data source is never closed by Fluxa.
     */
    private HikariMySqlPool connectSharedMySql(EngineSettings.MySqlPool c) {
        try (Connection conn = c.dataSource().getConnection(); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION(), DATABASE()")) {
            rs.next();
            String version = rs.getString(1);
            String database = rs.getString(2);
            ServerVersions.checkMySql(c.code(), version);
            if (database == null) {
                throw new FluxaConfigException("fluxa.pools." + c.code() + ".mysql: the DataSource MySQL pool '"
                        + c.code() + "' uses is connected to no database; give its JDBC URL a database, e.g."
                        + " jdbc:mariadb://localhost:3306/app");
            }
            Registry.MySqlOptions o = c.options();
            // The connect and socket timeouts belong to the application's DataSource; the statement
            // timeout is still set on every statement Fluxa runs.
            return new HikariMySqlPool(c.code(), c.dataSource(), false, database, version, new HikariMySqlPool.Timeouts(
                    o.connectTimeoutOrDefault(), o.socketTimeoutOrDefault(), o.statementTimeoutOrDefault()),
                    engineLogger);
        } catch (SQLException e) {
            throw new PoolUnavailableException(c.code(), "MySQL pool '" + c.code() + "' could not get a connection"
                    + " from the DataSource it uses (" + c.dataSource().getClass().getName() + "): " + e.getMessage()
                    + ". Check that DataSource's settings and that the server is running.", e);
        }
    }

    LettuceRedisPool connectRedis(String code, RedisAddress address, RedisPoolSettings settings) {
        LettuceRedisPool pool = LettuceRedisPool.connect(code, address, settings, engineLogger,
                builder -> instrumentation.redisClientResources().accept(code, builder));
        try {
            ServerVersions.checkRedis(code, pool.serverVersion());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
