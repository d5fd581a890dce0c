package io.fluxa.redis;

import io.fluxa.PoolUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;

/**
 * What every view of one {@link LettuceRedisPool} shares: the client, the shared connection, the
 * pipeline connection (opened on first use), the circuit breaker, the known scripts, the in-process
 * loads and the cache repairs.
 */
final class Connections {
    final String code;
    final RedisClient client;
    final ClientResources resources;
    final StatefulRedisConnection<String, byte[]> shared;
    final CircuitBreaker breaker;
    final int database;
    final RedisPoolSettings settings;
    final RedisURI uri;
    volatile String serverVersion;
    /** Turns at queueing and flushing on the pipeline connection (see {@link LettuceRedisPool#writePipelined}). */
    final StampedLock pipelineWrites = new StampedLock();
    final Set<String> scripts = ConcurrentHashMap.newKeySet();
    final SingleFlight loads = new SingleFlight();
    volatile CacheRepairs repairs;
    /** The view reporting to no logger ({@code QueryLogger.NONE}), shared by every caller. */
    volatile LettuceRedisPool quiet;
    private volatile StatefulRedisConnection<String, byte[]> pipeline;
    private boolean closed;

    Connections(String code, RedisClient client, ClientResources resources,
            StatefulRedisConnection<String, byte[]> shared, int database, RedisPoolSettings settings, RedisURI uri) {
        this.code = code;
        this.uri = uri;
        this.client = client;
        this.resources = resources;
        this.shared = shared;
        this.breaker = new CircuitBreaker(code, () -> shared.async().ping(), resources.eventExecutorGroup(),
                settings.circuitBreaker());
        this.database = database;
        this.settings = settings;
    }

    StatefulRedisConnection<String, byte[]> pipeline() {
        StatefulRedisConnection<String, byte[]> c = pipeline;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (pipeline == null) {
                if (closed) {
                    throw new PoolUnavailableException(code, "Redis pool '" + code + "' is closed");
                }
                StatefulRedisConnection<String, byte[]> opened;
                try {
                    opened = client.connect(LettuceRedisPool.CODEC);
                } catch (RuntimeException e) {
                    breaker.failure("cannot connect: " + e.getMessage());
                    throw new PoolUnavailableException(code, "Redis pool '" + code
                            + "' cannot open its pipeline connection: " + e.getMessage(), e);
                }
                opened.setTimeout(shared.getTimeout());
                opened.setAutoFlushCommands(false);
                pipeline = opened;
            }
            return pipeline;
        }
    }

    /** A new connection for one owner (blocking reads); not tracked here, the owner closes it. */
    StatefulRedisConnection<String, byte[]> open() {
        synchronized (this) {
            if (closed) {
                throw new PoolUnavailableException(code, "Redis pool '" + code + "' is closed");
            }
        }
        try {
            StatefulRedisConnection<String, byte[]> opened = client.connect(LettuceRedisPool.CODEC);
            opened.setTimeout(shared.getTimeout());
            return opened;
        } catch (RuntimeException e) {
            throw new PoolUnavailableException(code, "Redis pool '" + code + "' cannot open a connection: "
                    + e.getMessage(), e);
        }
    }

    synchronized void close() {
        closed = true;
        breaker.close();
        if (repairs != null) {
            repairs.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        shared.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
