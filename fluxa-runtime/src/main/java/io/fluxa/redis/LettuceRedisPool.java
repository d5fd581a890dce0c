package io.fluxa.redis;

import io.fluxa.log.QueryLogger;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;

/**
 * The {@link RedisPool} implementation. One instance owns the client and the shared connection;
 * context-bound views made by {@link #withLogger} share them and report commands to their context.
 */
public final class LettuceRedisPool implements RedisPool, AutoCloseable {

    private final String code;
    private final AbstractRedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final int database;
    private final String serverVersion;
    private final QueryLogger logger;

    public LettuceRedisPool(String code, AbstractRedisClient client, StatefulRedisConnection<String, byte[]> connection,
            int database, String serverVersion, QueryLogger logger) {
        this.code = code;
        this.client = client;
        this.connection = connection;
        this.database = database;
        this.serverVersion = serverVersion;
        this.logger = logger;
    }

    /** A view on the same connection that reports commands to {@code otherLogger}. */
    public LettuceRedisPool withLogger(QueryLogger otherLogger) {
        return new LettuceRedisPool(code, client, connection, database, serverVersion, otherLogger);
    }

    QueryLogger logger() {
        return logger;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public StatefulRedisConnection<String, byte[]> connection() {
        return connection;
    }

    @Override
    public int database() {
        return database;
    }

    @Override
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public RedisPipeline pipeline() {
        return new RedisPipeline(this);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
