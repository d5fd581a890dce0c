package io.fluxa.redis;

import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.RedisCommandException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link RedisPool} implementation. One instance owns the client and the shared connection;
 * context-bound views made by {@link #withLogger} share them and report commands to their context.
 *
 * <p>Single commands run on the shared connection (Lettuce connections are thread-safe and
 * multiplex every caller). Pipelines run on a second connection of the pool, opened on first use,
 * whose automatic flushing is off — see {@link RedisPipeline} for why that is safe to share.
 */
public final class LettuceRedisPool extends RedisPool implements AutoCloseable {

    /** String keys (UTF-8), byte[] values: the codec of every Fluxa Redis connection. */
    public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final String code;
    private final Connections connections;
    private final QueryLogger logger;

    /**
     * Connects a pool: one shared connection now (the pipeline connection on first use), with the
     * command timeout bounding every wait for a reply and the connect timeout bounding every connect.
     * While the connection is down, commands fail at once instead of queueing (Lettuce reconnects in
     * the background).
     *
     * @throws PoolUnavailableException naming the pool and the address when it cannot connect; a
     *     rejected username or password is reported as such, not as an unreachable server
     */
    public static LettuceRedisPool connect(String code, RedisAddress address, RedisPoolSettings settings,
            QueryLogger logger) {
        return connect(code, address, settings, logger, builder -> { });
    }

    /** As {@link #connect(String, RedisAddress, RedisPoolSettings, QueryLogger)}, {@code resourcesCustomizer} adjusting the client resources. */
    public static LettuceRedisPool connect(String code, RedisAddress address, RedisPoolSettings settings,
            QueryLogger logger, Consumer<ClientResources.Builder> resourcesCustomizer) {
        RedisURI uri = address.toRedisUri();
        uri.setTimeout(settings.commandTimeout());
        // reconnect attempts back off up to 1 s (Lettuce's default is 30 s), so a restarted server is
        // used again within about a second. Lettuce's own latency collector is off: it is on by default
        // whenever HdrHistogram and LatencyUtils are on the class path (micrometer-core puts them there),
        // and then times every command on the event loop for an event nobody reads; a customizer can set
        // a recorder (the starter's Micrometer one does).
        ClientResources.Builder builder = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ZERO, Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .commandLatencyRecorder(CommandLatencyRecorder.disabled());
        resourcesCustomizer.accept(builder);
        ClientResources resources = builder.build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        StatefulRedisConnection<String, byte[]> connection;
        try {
            connection = client.connect(CODEC);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw ConnectFailures.describe(code, address, e);
        }
        Connections connections = new Connections(code, client, resources, connection, address.database(), settings,
                uri);
        LettuceRedisPool pool = new LettuceRedisPool(code, connections, logger);
        connections.quiet = new LettuceRedisPool(code, connections, QueryLogger.NONE);
        connections.repairs = new CacheRepairs(pool);
        try {
            connections.serverVersion = serverVersion(pool.run(ScriptCalls.info("server")));
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        return pool;
    }

    private static String serverVersion(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "0";
    }

    private LettuceRedisPool(String code, Connections connections, QueryLogger logger) {
        this.code = code;
        this.connections = connections;
        this.logger = logger;
    }

    /** A view on the same connections that reports commands to {@code otherLogger}. */
    public LettuceRedisPool withLogger(QueryLogger otherLogger) {
        if (otherLogger == logger) {
            return this;
        }
        if (otherLogger == QueryLogger.NONE) {
            return connections.quiet; // the ORM's own commands take this view on every read: made once
        }
        return new LettuceRedisPool(code, connections, otherLogger);
    }

    @Override
    public RedisPool withQueryLogger(QueryLogger otherLogger) {
        return withLogger(Objects.requireNonNull(otherLogger, "logger"));
    }

    @Override
    SingleFlight loads() {
        return connections.loads;
    }

    @Override
    public CacheRepairs cacheRepairs() {
        return connections.repairs;
    }

    /** The client resources the pool's connections run on (for tests of how they are set up). */
    ClientResources clientResources() {
        return connections.resources;
    }

    @Override
    Set<String> loadedScripts() {
        return connections.scripts;
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
        return connections.shared;
    }

    @Override
    public int database() {
        return connections.database;
    }

    @Override
    public String serverVersion() {
        return connections.serverVersion;
    }

    @Override
    public StatefulRedisConnection<String, byte[]> openConnection() {
        return connections.open();
    }

    @Override
    public String keyPrefix() {
        return connections.settings.keyPrefix();
    }

    @Override
    public Duration commandTimeout() {
        return connections.settings.commandTimeout();
    }

    /**
     * Subscribes to {@code channel} on a connection of its own named {@code clientName}, with this
     * pool's address, timeouts and threads. The caller owns the subscription and must close it.
     *
     * @throws PoolUnavailableException when the subscription is not confirmed within the command timeout
     */
    public RedisSubscription subscribe(String channel, String clientName, RedisSubscription.Listener listener) {
        return RedisSubscription.open(code, connections.uri, connections.client.getOptions(),
                connections.client.getResources(), channel, clientName, listener);
    }

    @Override
    public CircuitBreaker circuitBreaker() {
        return connections.breaker;
    }

    @Override
    public RedisPipeline pipeline() {
        return new RedisPipeline(this);
    }

    @Override
    public void close() {
        connections.close();
    }

    // ---- running calls (package-private: the pipeline uses them) --------------------------------

    /** Sends one call on the shared connection, waits for the reply, logs it. */
    @Override
    <R, T> T run(Call<R, T> call) {
        boolean log = logger.enabled(QuerySource.REDIS);
        long start = log ? System.nanoTime() : 0L;
        T value;
        try {
            connections.breaker.check(call.describe());
            RedisFuture<R> future = send(call, connections.shared.async());
            value = await(call, future, deadline());
        } catch (RuntimeException e) {
            if (log) {
                logger.log(QuerySource.REDIS, code, call.command(), call.describe(), start, false, e);
            }
            throw e;
        }
        if (log) {
            logger.log(QuerySource.REDIS, code, call.command(), call.describe(), start, call.isMiss(value), null);
        }
        return value;
    }

    /**
     * Lets {@code writer} queue commands on the pipeline connection (auto-flush off, opened on first
     * use, shared by every view), then flushes them in one write. Writers take turns: Lettuce drains
     * its command buffer under a lock but writes the drained commands after releasing it, so two
     * concurrent flushes could reach the socket in either order and reorder one pipeline's commands.
     * Only the queueing and the flush are serialised; waiting for the replies is not.
     *
     * <p>{@code oneAwaited} writers (a single command whose caller waits for its reply, such as a
     * one-row cache read) share their turn with each other: with one command there is no order
     * inside the batch to keep, and the caller's next step waits for the reply, which proves the
     * command ran. Another such writer's flush may drain and write it, so the flush of a shared turn
     * can return before the command is written; every other writer, whose commands must stay in order
     * or be written once its flush returns (a background fill that a later read relies on), takes the
     * turn alone, after every shared turn has finished writing.
     */
    void writePipelined(Consumer<RedisAsyncCommands<String, byte[]>> writer, boolean oneAwaited) {
        connections.breaker.check("a pipeline");
        StatefulRedisConnection<String, byte[]> connection = connections.pipeline();
        StampedLock turns = connections.pipelineWrites;
        long turn = oneAwaited ? turns.readLock() : turns.writeLock();
        try {
            writer.accept(connection.async());
        } finally {
            try {
                connection.flushCommands();
            } finally {
                turns.unlock(turn);
            }
        }
    }

    /** {@link System#nanoTime()} after which waiting for replies gives up: now + the connection timeout. */
    long deadline() {
        return System.nanoTime() + connections.shared.getTimeout().toNanos();
    }

    <R, T> RedisFuture<R> send(Call<R, T> call, RedisAsyncCommands<String, byte[]> async) {
        try {
            return call.send(async);
        } catch (RuntimeException e) {
            throw failure(call, e);
        }
    }

    @Override
    public <R> SubmittedCommand<R> submit(StatefulRedisConnection<String, byte[]> connection, String command,
            String key, Function<RedisAsyncCommands<String, byte[]>, RedisFuture<R>> send) {
        if (connection == null || command == null || command.isBlank() || send == null) {
            throw new IllegalArgumentException("submit needs a connection, a command name and the Lettuce call; got "
                    + (connection == null ? "no connection" : command == null || command.isBlank() ? "no command name"
                    : "no Lettuce call"));
        }
        Call<R, R> call = Call.of(command, key == null ? new String[0] : new String[] {key}, send, Function.identity());
        long start = logger.enabled(QuerySource.REDIS) ? System.nanoTime() : 0L;
        try {
            connections.breaker.check(call.describe());
            return new SubmittedCommand<>(this, call, send(call, connection.async()), start);
        } catch (RuntimeException e) {
            if (start != 0L) {
                logger.log(QuerySource.REDIS, code, call.command(), call.describe(), start, false, e);
            }
            throw e;
        }
    }

    /** Waits for {@code future} until {@code deadline} and converts the reply; failures name pool and command. */
    <R, T> T await(Call<R, T> call, RedisFuture<R> future, long deadline) {
        return await(call, future, deadline, connections.shared.getTimeout());
    }

    /** As {@link #await(Call, RedisFuture, long)}; {@code timeout} is what the deadline allowed, for the message. */
    <R, T> T await(Call<R, T> call, RedisFuture<R> future, long deadline, Duration timeout) {
        try {
            R reply = future.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            connections.breaker.answered();
            return call.read(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FluxaException("interrupted while waiting for Redis pool '" + code + "' to answer "
                    + call.describe(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RedisCommandExecutionException rejected) {
                connections.breaker.answered();
                if (call.expected(rejected)) {
                    return call.errorValue();
                }
                Call<R, T> retry = call.retryFor(rejected);
                if (retry != null) {
                    return await(retry, send(retry, connections.shared.async()), deadline());
                }
            }
            throw failure(call, cause);
        } catch (TimeoutException e) {
            throw timedOut(call, e, timeout);
        }
    }

    FluxaException failure(Call<?, ?> call, Throwable cause) {
        if (cause instanceof FluxaException fluxa) {
            return fluxa;
        }
        if (cause instanceof RedisCommandExecutionException rejected) {
            String message = rejected.getMessage();
            String hint = message != null && message.startsWith("WRONGTYPE") && call.key() != null
                    ? " (key '" + call.key() + "' holds another data type; type(key) tells which)" : "";
            return new RedisCommandException(code, call.command(), "Redis pool '" + code + "' rejected "
                    + call.describe() + ": " + message + hint, rejected);
        }
        if (cause instanceof IllegalArgumentException illegal) {
            return new RedisCommandException(code, call.command(), "Redis pool '" + code + "': invalid arguments for "
                    + call.describe() + ": " + illegal.getMessage(), illegal);
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return timedOut(call, cause, connections.shared.getTimeout());
        }
        PoolUnavailableException unavailable = new PoolUnavailableException(code, "Redis pool '" + code
                + "' is unavailable for " + call.describe() + ": " + cause.getMessage() + " ("
                + cause.getClass().getSimpleName() + ")", cause);
        connections.breaker.failure(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        return unavailable;
    }

    private PoolUnavailableException timedOut(Call<?, ?> call, Throwable cause, Duration timeout) {
        boolean setting = timeout.equals(connections.shared.getTimeout());
        connections.breaker.failure("no answer within " + (setting ? "the command timeout of " : "") + timeout);
        return new PoolUnavailableException(code, "Redis pool '" + code + "' did not answer " + call.describe()
                + " within " + timeout + (setting ? " (the pool's timeout setting)" : ""), cause);
    }

    void log(String operation, String query, long start, boolean miss, Throwable error) {
        if (logger.enabled(QuerySource.REDIS)) {
            logger.log(QuerySource.REDIS, code, operation, query, start, miss, error);
        }
    }

    boolean logging() {
        return logger.enabled(QuerySource.REDIS);
    }
}
