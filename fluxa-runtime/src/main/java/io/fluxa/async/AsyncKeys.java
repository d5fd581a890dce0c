package io.fluxa.async;

import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.RedisCommandException;
import io.fluxa.Registry;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Names of the async flush keys and bounded waits for the Redis replies. */
final class AsyncKeys {

    /** Body field of a stream entry. */
    static final String BODY = "f";

    private AsyncKeys() {
    }

    /** The Redis pool holding the async flush streams: the {@code default} one. */
    static RedisPool redis(Engine engine) {
        try {
            return engine.redis(Registry.DEFAULT_POOL);
        } catch (FluxaException e) {
            throw new FluxaConfigException("async flush keeps its streams in the Redis pool '"
                    + Registry.DEFAULT_POOL + "', which is not registered; register it with Registry.registerRedis(\""
                    + Registry.DEFAULT_POOL + "\", ...)", e);
        }
    }

    /**
     * The stream of the async flushes of MySQL pool {@code mysqlPool}; it names the pool's database too,
     * so applications on other databases that share the Redis database never read each other's entries.
     */
    static String stream(RedisPool redis, MySqlPool mysqlPool) {
        return redis.keyPrefix() + "fluxa:async:{" + mysqlPool.code() + ":" + mysqlPool.database() + "}";
    }

    static String deadLetters(RedisPool redis, MySqlPool mysqlPool) {
        return stream(redis, mysqlPool) + ":dead";
    }

    /** The lock name of the lease that makes one consumer per pool (and database) the active one. */
    static String lease(MySqlPool mysqlPool) {
        return "fluxa-async-flush:" + mysqlPool.code() + ":" + mysqlPool.database();
    }

    static <T> T await(RedisPool redis, RedisFuture<T> future, String command) {
        return await(redis, future, command, redis.commandTimeout());
    }

    static <T> T await(RedisPool redis, RedisFuture<T> future, String command, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FluxaException("interrupted while waiting for Redis pool '" + redis.code() + "' to answer "
                    + command, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RedisCommandExecutionException rejected) {
                throw new RedisCommandException(redis.code(), command.split(" ", 2)[0], "Redis pool '" + redis.code()
                        + "' rejected " + command + ": " + rejected.getMessage(), rejected);
            }
            throw new PoolUnavailableException(redis.code(), "Redis pool '" + redis.code() + "' failed " + command
                    + ": " + cause, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new PoolUnavailableException(redis.code(), "Redis pool '" + redis.code() + "' did not answer "
                    + command + " within " + timeout, e);
        }
    }
}
