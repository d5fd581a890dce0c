package io.fluxa.orm;

import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.redis.RedisPool;
import io.lettuce.core.RedisFuture;
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
