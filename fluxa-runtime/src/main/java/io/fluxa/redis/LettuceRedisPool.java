package io.fluxa.redis;

import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.RedisCommandException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The {@link RedisPool} implementation. One instance owns the client and the shared connection;
 * context-bound views made by {@link #withLogger} share them and report commands to their context.
 *
 * <p>Single commands run on the shared connection (Lettuce connections are thread-safe and
 * multiplex every caller). Pipelines run on a second connection of the pool, opened on first use,
 * whose automatic flushing is off — see {@link RedisPipeline} for why that is safe to share.
 */
public final class LettuceRedisPool implements RedisPool, AutoCloseable {

    /** String keys (UTF-8), byte[] values: the codec of every Fluxa Redis connection. */
    public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private static final int SCAN_PAGE = 1_000;

    private final String code;
    private final Connections connections;
    private final QueryLogger logger;

    public LettuceRedisPool(String code, RedisClient client, StatefulRedisConnection<String, byte[]> connection,
            int database, String serverVersion, QueryLogger logger) {
        this(code, new Connections(code, client, connection, database, serverVersion), logger);
    }

    private LettuceRedisPool(String code, Connections connections, QueryLogger logger) {
        this.code = code;
        this.connections = connections;
        this.logger = logger;
    }

    /** A view on the same connections that reports commands to {@code otherLogger}. */
    public LettuceRedisPool withLogger(QueryLogger otherLogger) {
        return new LettuceRedisPool(code, connections, otherLogger);
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
    public RedisPipeline pipeline() {
        return new RedisPipeline(this);
    }

    @Override
    public void close() {
        connections.close();
    }

    // ---- running calls (package-private: the pipeline uses them) --------------------------------

    /** Sends one call on the shared connection, waits for the reply, logs it. */
    <R, T> T run(Call<R, T> call) {
        boolean log = logger.enabled(QuerySource.REDIS);
        long start = log ? System.nanoTime() : 0L;
        T value;
        try {
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
     */
    void writePipelined(Consumer<RedisAsyncCommands<String, byte[]>> writer) {
        StatefulRedisConnection<String, byte[]> connection = connections.pipeline();
        synchronized (connections.pipelineWrites) {
            try {
                writer.accept(connection.async());
            } finally {
                connection.flushCommands();
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

    /** Waits for {@code future} until {@code deadline} and converts the reply; failures name pool and command. */
    <R, T> T await(Call<R, T> call, RedisFuture<R> future, long deadline) {
        try {
            R reply = future.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return call.read(reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FluxaException("interrupted while waiting for Redis pool '" + code + "' to answer "
                    + call.describe(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RedisCommandExecutionException rejected && call.expected(rejected)) {
                return call.errorValue();
            }
            throw failure(call, cause);
        } catch (TimeoutException e) {
            throw new PoolUnavailableException(code, "Redis pool '" + code + "' did not answer " + call.describe()
                    + " within " + connections.shared.getTimeout(), e);
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
        return new PoolUnavailableException(code, "Redis pool '" + code + "' failed " + call.describe() + ": "
                + cause, cause);
    }

    void log(String operation, String query, long start, boolean miss, Throwable error) {
        if (logger.enabled(QuerySource.REDIS)) {
            logger.log(QuerySource.REDIS, code, operation, query, start, miss, error);
        }
    }

    boolean logging() {
        return logger.enabled(QuerySource.REDIS);
    }

    // ---- keys ------------------------------------------------------------------------------------

    @Override
    public long del(String... keys) {
        return run(Calls.del(keys));
    }

    @Override
    public long exists(String... keys) {
        return run(Calls.exists(keys));
    }

    @Override
    public boolean expire(String key, Duration ttl) {
        return run(Calls.expire(key, ttl));
    }

    @Override
    public Optional<Duration> ttl(String key) {
        return run(Calls.ttl(key));
    }

    @Override
    public boolean persist(String key) {
        return run(Calls.persist(key));
    }

    @Override
    public String type(String key) {
        return run(Calls.type(key));
    }

    @Override
    public List<String> keys(String pattern) {
        Set<String> found = new LinkedHashSet<>();
        String cursor = "0";
        KeyScanCursor<String> page;
        do {
            page = run(Calls.scan(cursor, pattern, SCAN_PAGE));
            found.addAll(page.getKeys());
            cursor = page.getCursor();
        } while (!page.isFinished());
        return new ArrayList<>(found);
    }

    // ---- strings ---------------------------------------------------------------------------------

    @Override
    public Optional<String> get(String key) {
        return run(Calls.get(key));
    }

    @Override
    public Optional<byte[]> getBytes(String key) {
        return run(Calls.getBytes(key));
    }

    @Override
    public void set(String key, String value) {
        run(Calls.set(key, Calls.bytes(value), null));
    }

    @Override
    public void set(String key, String value, Duration ttl) {
        run(Calls.set(key, Calls.bytes(value), ttl));
    }

    @Override
    public void set(String key, byte[] value) {
        run(Calls.set(key, value, null));
    }

    @Override
    public void set(String key, byte[] value, Duration ttl) {
        run(Calls.set(key, value, ttl));
    }

    @Override
    public boolean setNX(String key, String value) {
        return run(Calls.setNX(key, Calls.bytes(value), null));
    }

    @Override
    public boolean setNX(String key, String value, Duration ttl) {
        return run(Calls.setNX(key, Calls.bytes(value), ttl));
    }

    @Override
    public Optional<String> getSet(String key, String value) {
        return run(Calls.getSet(key, value));
    }

    @Override
    public List<String> mGet(String... keys) {
        return run(Calls.mGet(keys));
    }

    @Override
    public void mSet(Map<String, String> values) {
        run(Calls.mSet(values));
    }

    @Override
    public long incr(String key) {
        return run(Calls.incrBy(key, 1));
    }

    @Override
    public long incrBy(String key, long delta) {
        return run(Calls.incrBy(key, delta));
    }

    // ---- lists -----------------------------------------------------------------------------------

    @Override
    public long lPush(String key, String... values) {
        return run(Calls.lPush(key, values));
    }

    @Override
    public long rPush(String key, String... values) {
        return run(Calls.rPush(key, values));
    }

    @Override
    public Optional<String> lPop(String key) {
        return run(Calls.lPop(key));
    }

    @Override
    public Optional<String> rPop(String key) {
        return run(Calls.rPop(key));
    }

    @Override
    public List<String> lRange(String key, long start, long stop) {
        return run(Calls.lRange(key, start, stop));
    }

    @Override
    public long lLen(String key) {
        return run(Calls.lLen(key));
    }

    @Override
    public long lRem(String key, long count, String value) {
        return run(Calls.lRem(key, count, value));
    }

    @Override
    public void lSet(String key, long index, String value) {
        run(Calls.lSet(key, index, value));
    }

    @Override
    public Optional<String> lIndex(String key, long index) {
        return run(Calls.lIndex(key, index));
    }

    @Override
    public void lTrim(String key, long start, long stop) {
        run(Calls.lTrim(key, start, stop));
    }

    // ---- hashes ----------------------------------------------------------------------------------

    @Override
    public boolean hSet(String key, String field, String value) {
        return run(Calls.hSet(key, field, Calls.bytes(value)));
    }

    @Override
    public boolean hSet(String key, String field, byte[] value) {
        return run(Calls.hSet(key, field, value));
    }

    @Override
    public long hSet(String key, Map<String, String> fields) {
        return run(Calls.hSet(key, fields));
    }

    @Override
    public Optional<String> hGet(String key, String field) {
        return run(Calls.hGet(key, field));
    }

    @Override
    public Optional<byte[]> hGetBytes(String key, String field) {
        return run(Calls.hGetBytes(key, field));
    }

    @Override
    public List<String> hMGet(String key, String... fields) {
        return run(Calls.hMGet(key, fields));
    }

    @Override
    public Map<String, String> hGetAll(String key) {
        return run(Calls.hGetAll(key));
    }

    @Override
    public long hDel(String key, String... fields) {
        return run(Calls.hDel(key, fields));
    }

    @Override
    public long hIncrBy(String key, String field, long delta) {
        return run(Calls.hIncrBy(key, field, delta));
    }

    @Override
    public long hLen(String key) {
        return run(Calls.hLen(key));
    }

    @Override
    public boolean hExists(String key, String field) {
        return run(Calls.hExists(key, field));
    }

    // ---- sets ------------------------------------------------------------------------------------

    @Override
    public long sAdd(String key, String... members) {
        return run(Calls.sAdd(key, members));
    }

    @Override
    public long sRem(String key, String... members) {
        return run(Calls.sRem(key, members));
    }

    @Override
    public Set<String> sMembers(String key) {
        return run(Calls.sMembers(key));
    }

    @Override
    public boolean sIsMember(String key, String member) {
        return run(Calls.sIsMember(key, member));
    }

    @Override
    public long sCard(String key) {
        return run(Calls.sCard(key));
    }

    @Override
    public Optional<String> sPop(String key) {
        return run(Calls.sPop(key));
    }

    // ---- sorted sets -----------------------------------------------------------------------------

    @Override
    public boolean zAdd(String key, double score, String member) {
        return run(Calls.zAdd(key, score, member));
    }

    @Override
    public long zAdd(String key, Map<String, Double> scores) {
        return run(Calls.zAdd(key, scores));
    }

    @Override
    public long zRem(String key, String... members) {
        return run(Calls.zRem(key, members));
    }

    @Override
    public Optional<Double> zScore(String key, String member) {
        return run(Calls.zScore(key, member));
    }

    @Override
    public List<String> zRange(String key, long start, long stop) {
        return run(Calls.zRange(key, start, stop));
    }

    @Override
    public List<ScoredMember> zRangeWithScores(String key, long start, long stop) {
        return run(Calls.zRangeWithScores(key, start, stop));
    }

    @Override
    public List<String> zRevRange(String key, long start, long stop) {
        return run(Calls.zRevRange(key, start, stop));
    }

    @Override
    public List<String> zRangeByScore(String key, double min, double max) {
        return run(Calls.zRangeByScore(key, min, max, 0, -1));
    }

    @Override
    public List<String> zRangeByScore(String key, double min, double max, long offset, long count) {
        return run(Calls.zRangeByScore(key, min, max, offset, count));
    }

    @Override
    public long zCard(String key) {
        return run(Calls.zCard(key));
    }

    @Override
    public long zCount(String key, double min, double max) {
        return run(Calls.zCount(key, min, max));
    }

    @Override
    public double zIncrBy(String key, double delta, String member) {
        return run(Calls.zIncrBy(key, delta, member));
    }

    // ---- streams ---------------------------------------------------------------------------------

    @Override
    public String xAdd(String stream, Map<String, String> fields) {
        return run(Calls.xAdd(stream, fields));
    }

    @Override
    public long xLen(String stream) {
        return run(Calls.xLen(stream));
    }

    @Override
    public List<StreamEntry> xRange(String stream, String start, String end) {
        return run(Calls.xRange(stream, start, end, -1));
    }

    @Override
    public List<StreamEntry> xRange(String stream, String start, String end, long count) {
        return run(Calls.xRange(stream, start, end, count));
    }

    @Override
    public long xDel(String stream, String... ids) {
        return run(Calls.xDel(stream, ids));
    }

    @Override
    public long xTrim(String stream, long maxLen) {
        return run(Calls.xTrim(stream, maxLen));
    }

    @Override
    public boolean xGroupCreate(String stream, String group, String startId, boolean mkStream) {
        return run(Calls.xGroupCreate(stream, group, startId, mkStream));
    }

    @Override
    public boolean xGroupDestroy(String stream, String group) {
        return run(Calls.xGroupDestroy(stream, group));
    }

    @Override
    public List<StreamEntry> xReadGroup(String stream, String group, String consumer, long count) {
        return run(Calls.xReadGroup(stream, group, consumer, ">", count));
    }

    @Override
    public List<StreamEntry> xReadGroup(String stream, String group, String consumer, String id, long count) {
        return run(Calls.xReadGroup(stream, group, consumer, id, count));
    }

    @Override
    public long xAck(String stream, String group, String... ids) {
        return run(Calls.xAck(stream, group, ids));
    }

    @Override
    public StreamPending xPending(String stream, String group) {
        return run(Calls.xPending(stream, group));
    }

    @Override
    public StreamInfo xInfoStream(String stream) {
        return run(Calls.xInfoStream(stream));
    }

    @Override
    public List<StreamGroupInfo> xInfoGroups(String stream) {
        return run(Calls.xInfoGroups(stream));
    }

    // ---- scripts ---------------------------------------------------------------------------------

    @Override
    public Object eval(String script, List<String> keys, String... args) {
        return run(Calls.eval(script, keys, args));
    }

    @Override
    public Object evalSha(String sha, List<String> keys, String... args) {
        return run(Calls.evalSha(sha, keys, args));
    }

    @Override
    public String scriptLoad(String script) {
        return run(Calls.scriptLoad(script));
    }

    @Override
    public boolean scriptExists(String sha) {
        return run(Calls.scriptExists(sha));
    }

    @Override
    public boolean rateLimit(String key, int limit, Duration window) {
        return run(Calls.rateLimit(key, limit, window));
    }

    // ---- server ----------------------------------------------------------------------------------

    @Override
    public String info(String section) {
        return run(Calls.info(section));
    }

    @Override
    public String info() {
        return run(Calls.info(null));
    }

    @Override
    public long dbSize() {
        return run(Calls.dbSize());
    }

    @Override
    public void flushDb() {
        run(Calls.flushDb());
    }

    // ---- connections -----------------------------------------------------------------------------

    /** What every view of one pool shares: the client, the shared connection, the pipeline connection. */
    private static final class Connections {
        private final String code;
        private final RedisClient client;
        private final StatefulRedisConnection<String, byte[]> shared;
        private final int database;
        private final String serverVersion;
        private final Object pipelineWrites = new Object();
        private volatile StatefulRedisConnection<String, byte[]> pipeline;
        private boolean closed;

        Connections(String code, RedisClient client, StatefulRedisConnection<String, byte[]> shared, int database,
                String serverVersion) {
            this.code = code;
            this.client = client;
            this.shared = shared;
            this.database = database;
            this.serverVersion = serverVersion;
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
                        opened = client.connect(CODEC);
                    } catch (RuntimeException e) {
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
                StatefulRedisConnection<String, byte[]> opened = client.connect(CODEC);
                opened.setTimeout(shared.getTimeout());
                return opened;
            } catch (RuntimeException e) {
                throw new PoolUnavailableException(code, "Redis pool '" + code + "' cannot open a connection: "
                        + e.getMessage(), e);
            }
        }

        synchronized void close() {
            closed = true;
            if (pipeline != null) {
                pipeline.close();
            }
            shared.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
