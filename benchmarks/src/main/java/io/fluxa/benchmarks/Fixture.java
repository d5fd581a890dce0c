package io.fluxa.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.benchmarks.model.entities.FluxaModel;
import io.fluxa.benchmarks.model.entities.LocalUserProvider;
import io.fluxa.benchmarks.model.entities.PlainUserEntity;
import io.fluxa.benchmarks.model.entities.PlainUserProvider;
import io.fluxa.benchmarks.model.entities.RedisUserProvider;
import io.fluxa.redis.RedisAddress;
import io.fluxa.test.FluxaTestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Fluxa engine and the raw clients (HikariCP, Lettuce, Caffeine) on the same database, Redis
 * and data: {@value #ROWS} rows in each of {@code bench_plain} (no cache), {@code bench_redis}
 * (Redis cache) and {@code bench_local} (local cache), warmed before measuring.
 *
 * <p>Servers from the environment like the tests ({@link FluxaTestServers}: {@code FLUXA_TEST_MYSQL_URL},
 * {@code FLUXA_TEST_MYSQL_USER}, {@code FLUXA_TEST_MYSQL_PASSWORD}, {@code FLUXA_TEST_REDIS}). Every
 * JVM (each JMH fork, the test) uses a database {@code fluxa_bench_<runId>} and a Redis database it
 * leased, both empty at start, so benchmarks and builds running at the same time never meet.
 */
@State(Scope.Benchmark)
public class Fixture {

    static final int ROWS = 10_000;
    static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    /** The search of the read benchmarks: {@code ID > start AND Age < SEARCH_MAX_AGE ORDER BY ID LIMIT SEARCH_LIMIT}. */
    static final int SEARCH_MAX_AGE = 45;
    static final int SEARCH_LIMIT = 20;
    /** Key prefix of the raw side's row hashes: {@code raw:h:<id>}. */
    static final String RAW_HASH_PREFIX = "raw:h:";

    String database;
    Engine engine;
    HikariDataSource jdbc;
    RedisClient redisClient;
    ClientResources redisResources;
    StatefulRedisConnection<String, byte[]> redis;
    /**
     * A second Lettuce connection with automatic flushing off: the raw side queues many commands and
     * writes them in one flush ({@code flushCommands}), the floor for a pipelined batch read.
     */
    StatefulRedisConnection<String, byte[]> redisManualFlush;
    Cache<Long, UserRow> caffeine;
    final Map<Long, UserRow> hashMap = new HashMap<>();
    /**
     * Ids for rows that the raw and peer sides of the write benchmarks insert into {@code bench_plain},
     * far above the seeded ones and the ids Fluxa reserves (every benchmark runs in its own fork).
     */
    final AtomicLong assignedIds = new AtomicLong(1_000_000_000L);

    private long cursor;

    /** The next seeded id, cycling through all rows. */
    long nextId() {
        cursor = cursor == ROWS ? 1 : cursor + 1;
        return cursor;
    }

    /** Where the next search starts: low enough that all of its {@value #SEARCH_LIMIT} rows are seeded ones. */
    long nextSearchStart() {
        return nextId() % (ROWS - 1_000);
    }

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String user = SERVERS.mysqlUser();
        String password = SERVERS.mysqlPassword();
        database = SERVERS.createDatabase("fluxa_bench");
        String url = SERVERS.databaseUrl(database);
        int redisDb = SERVERS.redisDatabase();
        String redisAddress = SERVERS.redisAddress(redisDb);

        engine = new Registry()
                .registerMySql(Registry.DEFAULT_POOL, url, user, password, null)
                .registerRedis(Registry.DEFAULT_POOL, redisAddress, null)
                .registerLocalCache(Registry.DEFAULT_POOL, 0)
                .registerModel(new FluxaModel())
                .validate();
        SERVERS.flushRedisDatabase(redisDb);
        engine.schema().applyAlters(true);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        jdbc = new HikariDataSource(config);

        // the raw client runs without Lettuce's latency collector, as Fluxa's pools do: neither side pays it
        redisResources = DefaultClientResources.builder().commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
        redisClient = RedisClient.create(redisResources, RedisAddress.parse(redisAddress).toRedisUri());
        redis = redisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        redisManualFlush = redisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        redisManualFlush.setAutoFlushCommands(false);
        caffeine = Caffeine.newBuilder().build();

        seed();
    }

    private void seed() throws SQLException {
        for (long from = 1; from <= ROWS; from += 1_000) {
            Context ctx = engine.newContext();
            for (long id = from; id < from + 1_000; id++) {
                UserRow row = UserRow.of(id);
                PlainUserEntity e = PlainUserProvider.INSTANCE.newEntity(ctx, id);
                e.setName(row.name());
                e.setEmail(row.email());
                e.setAge(row.age());
                e.setBalance(row.balance());
            }
            ctx.flush();
        }
        // Identical rows in the cached tables; their caches are filled by reads below.
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO `bench_redis` SELECT * FROM `bench_plain`");
            s.execute("INSERT INTO `bench_local` SELECT * FROM `bench_plain`");
        }
        Map<String, byte[]> rawRedis = new HashMap<>();
        for (long id = 1; id <= ROWS; id++) {
            UserRow row = UserRow.of(id);
            rawRedis.put("raw:user:" + id, row.pack());
            caffeine.put(id, row);
            hashMap.put(id, row);
        }
        redis.sync().mset(rawRedis);
        // The same rows as hashes of msgpack-encoded fields (Fluxa's row layout), for the raw HGETALL side.
        List<RedisFuture<Long>> written = new ArrayList<>(ROWS);
        for (long id = 1; id <= ROWS; id++) {
            written.add(redisManualFlush.async().hset(RAW_HASH_PREFIX + id, UserRow.of(id).packFields()));
        }
        redisManualFlush.flushCommands();
        for (RedisFuture<Long> reply : written) {
            try {
                reply.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("seeding the raw Redis hashes failed", e);
            }
        }
        // Warm Fluxa's caches the way traffic would: one read of every row.
        for (long id = 1; id <= ROWS; id++) {
            Context ctx = engine.newContext();
            RedisUserProvider.INSTANCE.mustGetById(ctx, id);
            LocalUserProvider.INSTANCE.mustGetById(ctx, id);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        redisManualFlush.close();
        redis.close();
        redisClient.shutdown();
        redisResources.shutdown();
        jdbc.close();
        engine.close();
        SERVERS.dropDatabase(database);
    }
}
