package io.fluxa.async;

import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.Registry;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;

/** Names of the async flush keys, and the Redis pool that holds them. */
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
}
