package io.fluxa.benchmarks;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.benchmarks.model.entities.FluxaModel;
import io.fluxa.benchmarks.model.entities.SearchItemProvider;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * {@value #ROWS} rows in {@code bench_search} (category 0–99, price 0.00–999.99, status of three),
 * seeded with multi-row INSERTs of {@value #INSERT_BATCH} rows, then indexed in Redis by
 * {@code redisReindex} (batches of 1000 rows, one script call each). MySQL has the indexes
 * {@code (Category, Price)} and {@code (Status, Price)} (the primary key is implied in both).
 * Database and Redis database of its own, as {@link Fixture}.
 */
@State(Scope.Benchmark)
public class SearchFixture {

    static final int ROWS = 100_000;
    static final int CATEGORIES = 100;
    private static final int INSERT_BATCH = 5_000;
    private static final String[] STATUSES = {"draft", "active", "archived"};

    final int rows;
    String database;
    Engine engine;
    private long cursor;

    public SearchFixture() {
        this(ROWS);
    }

    SearchFixture(int rows) {
        this.rows = rows;
    }

    /** A different, deterministic parameter for every query: 0, 1, 2 … wrapping at {@code bound}. */
    int next(int bound) {
        return (int) (cursor++ % bound);
    }

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = Fixture.SERVERS.createDatabase("fluxa_bench_search");
        String url = Fixture.SERVERS.databaseUrl(database);
        int redisDb = Fixture.SERVERS.redisDatabase();
        engine = new Registry()
                .registerMySql(Registry.DEFAULT_POOL, url, Fixture.SERVERS.mysqlUser(), Fixture.SERVERS.mysqlPassword(),
                        null)
                .registerRedis(Registry.DEFAULT_POOL, Fixture.SERVERS.redisAddress(redisDb), null)
                .registerLocalCache(Registry.DEFAULT_POOL, 0) // the model's other entities need it
                .registerModel(new FluxaModel())
                .validate();
        Fixture.SERVERS.flushRedisDatabase(redisDb);
        engine.schema().applyAlters(true);
        seed(url);
        SearchItemProvider.INSTANCE.redisReindex(engine);
    }

    private void seed(String url) throws SQLException {
        Random random = new Random(20261203L);
        try (Connection c = DriverManager.getConnection(url, Fixture.SERVERS.mysqlUser(),
                Fixture.SERVERS.mysqlPassword()); Statement s = c.createStatement()) {
            for (int from = 1; from <= rows; from += INSERT_BATCH) {
                StringBuilder sql = new StringBuilder("INSERT INTO `bench_search` (`ID`, `Category`, `Price`, `Status`) VALUES ");
                for (int id = from; id < from + INSERT_BATCH && id <= rows; id++) {
                    sql.append(id == from ? "" : ",").append('(').append(id).append(',')
                            .append(random.nextInt(CATEGORIES)).append(',')
                            .append(BigDecimal.valueOf(random.nextInt(100_000), 2).toPlainString()).append(",'")
                            .append(STATUSES[random.nextInt(STATUSES.length)]).append("')");
                }
                s.execute(sql.toString());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (engine != null) {
            engine.close();
        }
        if (database != null) {
            Fixture.SERVERS.dropDatabase(database);
        }
    }
}
