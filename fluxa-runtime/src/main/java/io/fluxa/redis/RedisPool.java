package io.fluxa.redis;

import io.lettuce.core.api.StatefulRedisConnection;

/**
 * A Redis pool: one shared, thread-safe Lettuce connection with String keys and byte[] values,
 * plus a raw command API. The ORM uses {@link #connection()} directly on hot paths.
 */
public interface RedisPool {

    String code();

    /** The shared connection (String keys, byte[] values). Do not close it. */
    StatefulRedisConnection<String, byte[]> connection();

    /** The Redis database number. */
    int database();

    /** The server's version, e.g. {@code 7.0.15}. */
    String serverVersion();

    /** A new, empty pipeline on this pool's connection. */
    RedisPipeline pipeline();
}
