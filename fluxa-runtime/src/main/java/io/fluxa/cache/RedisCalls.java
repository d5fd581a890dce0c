package io.fluxa.cache;

import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a batch of asynchronous commands sent on a shared Lettuce connection. Sending every
 * command before waiting for any is what makes a batch cost one network round-trip.
 */
final class RedisCalls {


    private static final Logger LOG = LoggerFactory.getLogger(RedisCalls.class);

    private RedisCalls() {
    }

    static void awaitAll(RedisPool pool, List<? extends RedisFuture<?>> futures) {
        for (RedisFuture<?> future : futures) {
            await(pool, future);
        }
    }

    /**
     * Lets cache fills complete on their own. A failed fill only means a later read misses the cache
     * again, so it is logged, not thrown.
     */
    static void inBackground(RedisPool pool, List<? extends RedisFuture<?>> futures) {
        for (RedisFuture<?> future : futures) {
            future.whenComplete((result, error) -> {
                if (error != null) {
                    LOG.warn("Redis cache fill on pool {} failed: {}", pool.code(), error.toString());
                }
            });
        }
    }

    /**
     * Runs a cached script by its SHA; when the server does not have it yet (first use, restart,
     * SCRIPT FLUSH) sends the script text once, which also caches it for the next EVALSHA.
     */
    static <T> T evalSha(RedisPool pool, LuaScript script, ScriptOutputType type, String[] keys, byte[]... args) {
        try {
            return await(pool, pool.connection().async().evalsha(script.sha(), type, keys, args));
        } catch (PoolUnavailableException e) {
            if (!(e.getCause() instanceof RedisNoScriptException)) {
                throw e;
            }
            return await(pool, pool.connection().async().eval(script.text(), type, keys, args));
        }
    }

    /** {@link #evalSha} without waiting: a missing script is sent again in the background. */
    static void evalShaInBackground(RedisPool pool, LuaScript script, String[] keys, byte[]... args) {
        pool.connection().async().evalsha(script.sha(), ScriptOutputType.INTEGER, keys, args)
                .whenComplete((result, error) -> {
                    if (error instanceof RedisNoScriptException) {
                        inBackground(pool, List.of(pool.connection().async()
                                .eval(script.text(), ScriptOutputType.INTEGER, keys, args)));
                    } else if (error != null) {
                        LOG.warn("Redis cache fill on pool {} failed: {}", pool.code(), error.toString());
                    }
                });
    }

    static <T> T await(RedisPool pool, RedisFuture<T> future) {
        Duration timeout = pool.connection().getTimeout();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FluxaException("interrupted while waiting for Redis pool " + pool.code(), e);
        } catch (ExecutionException e) {
            throw new PoolUnavailableException(pool.code(), "Redis pool " + pool.code() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PoolUnavailableException(pool.code(), "Redis pool " + pool.code() + " did not answer within "
                    + timeout, e);
        }
    }
}
