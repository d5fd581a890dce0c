package io.fluxa.spring.autoconfigure.actuate;

import io.fluxa.redis.RedisPool;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when the Redis pool answers {@code PING}. */
public class RedisPoolHealthIndicator extends AbstractHealthIndicator {

    private final RedisPool pool;

    public RedisPoolHealthIndicator(RedisPool pool) {
        super("Redis pool '" + pool.code() + "' health check failed");
        this.pool = pool;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String pong = pool.connection().sync().ping();
        builder.up().withDetail("pool", pool.code()).withDetail("database", pool.database()).withDetail("ping", pong);
    }
}
