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
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Fluxa engine and the raw clients (HikariCP, Lettuce, Caffeine) on the same database, Redis
 * and data: {@value #ROWS} rows in each of {@code bench_plain} (no cache), {@code bench_redis}
 * (Redis cache) and {@code bench_local} (local cache), warmed before measuring.
 *
 * <p>Settings from the environment like the tests: {@code FLUXA_TEST_MYSQL_URL},
 * {@code FLUXA_TEST_MYSQL_USER}, {@code FLUXA_TEST_MYSQL_PASSWORD}, {@code FLUXA_TEST_REDIS}.
 * Uses database {@code fluxa_bench} and Redis database 14, both wiped at start.
 */
@State(Scope.Benchmark)
public class Fixture {

    static final int ROWS = 10_000;
    static final String DATABASE = "fluxa_bench";
    static final int REDIS_DB = 14;
    /** The search of the read benchmarks: {@code ID > start AND Age < SEARCH_MAX_AGE ORDER BY ID LIMIT SEARCH_LIMIT}. */
    static final int SEARCH_MAX_AGE = 45;
    static final int SEARCH_LIMIT = 20;

    Engine engine;
    HikariDataSource jdbc;
    RedisClient redisClient;
    StatefulRedisConnection<String, byte[]> redis;
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
        String baseUrl = env("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/");
        String user = env("FLUXA_TEST_MYSQL_USER", "root");
        String password = env("FLUXA_TEST_MYSQL_PASSWORD", "");
        String redisAddress = env("FLUXA_TEST_REDIS", "127.0.0.1:6379");
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`");
            s.execute("CREATE DATABASE `" + DATABASE + "`");
        }
        String url = baseUrl + DATABASE;

        engine = new Registry()
                .registerMySql(Registry.DEFAULT_POOL, url, user, password, null)
                .registerRedis(Registry.DEFAULT_POOL, redisAddress + ":" + REDIS_DB, null)
                .registerLocalCache(Registry.DEFAULT_POOL, 0)
                .registerModel(new FluxaModel())
                .validate();
        engine.redis(Registry.DEFAULT_POOL).connection().sync().flushdb();
        engine.schema().applyAlters(true);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        jdbc = new HikariDataSource(config);

        String[] hostPort = redisAddress.split(":");
        redisClient = RedisClient.create(RedisURI.builder()
                .withHost(hostPort[0]).withPort(Integer.parseInt(hostPort[1])).withDatabase(REDIS_DB).build());
        redis = redisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
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
        // Warm Fluxa's caches the way traffic would: one read of every row.
        for (long id = 1; id <= ROWS; id++) {
            Context ctx = engine.newContext();
            RedisUserProvider.INSTANCE.mustGetById(ctx, id);
            LocalUserProvider.INSTANCE.mustGetById(ctx, id);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        redis.close();
        redisClient.shutdown();
        jdbc.close();
        engine.close();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
