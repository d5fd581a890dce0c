package io.fluxa.redis;

/** Queues Redis commands and sends them in one round-trip on {@code exec()}. */
public final class RedisPipeline {

    private final LettuceRedisPool pool;

    RedisPipeline(LettuceRedisPool pool) {
        this.pool = pool;
    }

    /** The pool this pipeline sends to. */
    public RedisPool pool() {
        return pool;
    }
}
