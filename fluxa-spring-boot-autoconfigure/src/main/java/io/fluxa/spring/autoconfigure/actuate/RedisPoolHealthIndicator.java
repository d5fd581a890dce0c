package io.fluxa.spring.autoconfigure.actuate;

import io.fluxa.redis.CircuitBreaker;
import io.fluxa.redis.RedisPool;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the Redis pool answers {@code PING}. While the pool's circuit breaker is open it reports DOWN
 * at once, without sending anything, with the details of the degraded mode: cached entities are read
 * from MySQL, commands of the pool (and id allocation for new rows) fail fast.
 */
public class RedisPoolHealthIndicator extends AbstractHealthIndicator {

    private final RedisPool pool;

    public RedisPoolHealthIndicator(RedisPool pool) {
        super("Redis pool '" + pool.code() + "' health check failed");
        this.pool = pool;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CircuitBreaker breaker = pool.circuitBreaker();
        builder.withDetail("pool", pool.code()).withDetail("database", pool.database())
                .withDetail("circuitBreaker", breaker.isOpen() ? "open" : "closed")
                .withDetail("fallbacks", breaker.fallbacks());
        if (breaker.isOpen()) {
            builder.down().withDetail("openSince", String.valueOf(breaker.openSince()))
                    .withDetail("lastFailure", String.valueOf(breaker.lastFailure()))
                    .withDetail("degraded", "cached entities are read from MySQL; Redis commands and id allocation "
                            + "fail at once until the server answers again");
            return;
        }
        String pong = pool.connection().sync().ping();
        builder.up().withDetail("ping", pong);
    }
}
