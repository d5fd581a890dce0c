package io.fluxa.test;

import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.redis.RedisAddress;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test run of this JVM against the real servers: names, records, leases, the sweep of ended runs. */
class TestRunTest {

    private static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    /** Database 0 of the test Redis, where the runs keep their records. */
    private static RedisCommands<String, String> ledger;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(RedisAddress.parse(SERVERS.redis()).with(null, null, 0).toRedisUri());
        connection = client.connect();
        ledger = connection.sync();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @Test
    void databaseNamesEndWithTheRunIdAndFitMySql() {
        String id = FluxaTestServers.runId();
        assertThat(id).matches("[0-9a-z]{8}");
        assertThat(FluxaTestServers.databaseName("fluxa_ts_orders")).isEqualTo("fluxa_ts_orders_" + id);
        assertThat(FluxaTestServers.databaseName(FluxaTestServers.databaseName("fluxa_ts_orders")))
                .as("a name of this run is kept").isEqualTo("fluxa_ts_orders_" + id);
        assertThat(FluxaTestServers.databaseName("x".repeat(80))).hasSize(64).endsWith("_" + id);
        assertThatThrownBy(() -> FluxaTestServers.databaseName("bad-name")).isInstanceOf(FluxaConfigException.class)
                .hasMessageContaining("'bad-name'");
    }

    @Test
    void createdDatabasesAreRecordedUntilDropped() {
        String name = SERVERS.createDatabase("fluxa_ts_run_record");
        try {
            assertThat(FluxaExtensionTest.databaseExists(name)).isTrue();
            assertThat(ledger.hget(RunLedger.DATABASES, SERVERS.mysqlServer() + "|" + name))
                    .isEqualTo(FluxaTestServers.runId());
            assertThat(SERVERS.createDatabase(name)).as("creating again re-creates the same database").isEqualTo(name);
        } finally {
            SERVERS.dropDatabase(name);
        }
        assertThat(FluxaExtensionTest.databaseExists(name)).isFalse();
        assertThat(ledger.hget(RunLedger.DATABASES, SERVERS.mysqlServer() + "|" + name)).isNull();
    }

    @Test
    void aSlotKeepsItsLeasedDatabaseAndSlotsDoNotShare() {
        int first = SERVERS.redisDatabase(0);
        assertThat(SERVERS.redisDatabase()).isEqualTo(first);
        assertThat(FluxaTestServers.fromEnvironment().redisDatabase(0)).as("the lease belongs to the JVM").isEqualTo(first);
        int other = SERVERS.redisDatabase(7);
        assertThat(other).isNotEqualTo(first).isNotZero();
        for (int database : List.of(first, other)) {
            String lease = ledger.get(RunLedger.leaseKey(database));
            assertThat(lease).isEqualTo(FluxaTestServers.runId());
            assertThat(ledger.pttl(RunLedger.leaseKey(database))).as("a lease expires unless renewed")
                    .isPositive().isLessThanOrEqualTo(TestRun.TTL.toMillis());
        }
        assertThat(ledger.get(RunLedger.runKey(FluxaTestServers.runId()))).as("the heartbeat says who runs")
                .contains("pid " + ProcessHandle.current().pid());
    }

    @Test
    void onlyALeasedDatabaseIsEmptied() {
        int leased = SERVERS.redisDatabase();
        try (StatefulRedisConnection<String, String> db = client.connect()) {
            db.sync().select(leased);
            db.sync().set("run:key", "v");
            SERVERS.flushRedisDatabase(leased);
            assertThat(db.sync().dbsize()).isZero();
        }
        // the slots this JVM's tests use (0, 7, 8) hold all of its leases
        List<Integer> held = List.of(leased, SERVERS.redisDatabase(7), SERVERS.redisDatabase(8));
        int notLeased = IntStream.range(1, 16).filter(d -> !held.contains(d)).findFirst().orElseThrow();
        assertThatThrownBy(() -> SERVERS.flushRedisDatabase(notLeased)).isInstanceOf(FluxaException.class)
                .hasMessageContaining("Redis database " + notLeased)
                .hasMessageContaining("is not leased by this test run");
    }

    @Test
    void whenEveryAllowedDatabaseIsTakenTheErrorSaysWhoHoldsThem() {
        int leased = SERVERS.redisDatabase();
        FluxaTestServers onlyThatOne = FluxaTestServers.fromEnvironment(Map.of(
                FluxaTestServers.ENV_REDIS, SERVERS.redis(),
                FluxaTestServers.ENV_REDIS_DATABASES, Integer.toString(leased)));
        assertThatThrownBy(() -> onlyThatOne.redisDatabase(9)).isInstanceOf(FluxaException.class)
                .hasMessageContaining("no free Redis database for test run " + FluxaTestServers.runId())
                .hasMessageContaining("allowed: [" + leased + "]")
                .hasMessageContaining(FluxaTestServers.ENV_REDIS_DATABASES);
    }

    @Test
    void aDatabaseLeasedByAnotherRunIsNeverTaken() {
        String other = "zzother0";
        // play another run: take a free database the way a run does, then ask for it
        int free = IntStream.range(1, 16)
                .filter(d -> "OK".equals(ledger.set(RunLedger.leaseKey(d), other, SetArgs.Builder.nx().px(60_000))))
                .findFirst().orElseThrow();
        try {
            ledger.set(RunLedger.runKey(other), "a run of another build", SetArgs.Builder.px(60_000));
            FluxaTestServers onlyThatOne = FluxaTestServers.fromEnvironment(Map.of(
                    FluxaTestServers.ENV_REDIS, SERVERS.redis(),
                    FluxaTestServers.ENV_REDIS_DATABASES, Integer.toString(free)));
            assertThatThrownBy(() -> onlyThatOne.redisDatabase(11)).isInstanceOf(FluxaException.class)
                    .hasMessageContaining("leased by other runs: " + free + " by run " + other
                            + " (a run of another build)");
            assertThatThrownBy(() -> SERVERS.flushRedisDatabase(free)).isInstanceOf(FluxaException.class)
                    .hasMessageContaining("is not leased by this test run");
            assertThat(ledger.get(RunLedger.leaseKey(free))).as("the other run's lease is untouched").isEqualTo(other);
        } finally {
            ledger.del(RunLedger.leaseKey(free), RunLedger.runKey(other));
        }
    }

    @Test
    void theDatabasesOfEndedRunsAreDroppedThoseOfLiveRunsKept() {
        String dead = "zzdead00";
        String live = "zzlive00";
        String deadDatabase = "fluxa_ts_sweep_" + dead;
        String liveDatabase = "fluxa_ts_sweep_" + live;
        String server = SERVERS.mysqlServer();
        ServerDatabases.recreate(SERVERS, List.of(deadDatabase, liveDatabase));
        ledger.hset(RunLedger.DATABASES, Map.of(server + "|" + deadDatabase, dead, server + "|" + liveDatabase, live));
        ledger.set(RunLedger.runKey(live), "a run of another build", SetArgs.Builder.px(60_000));
        try {
            TestRun.current().sweepEndedRuns(SERVERS);
            assertThat(FluxaExtensionTest.databaseExists(deadDatabase)).isFalse();
            assertThat(ledger.hexists(RunLedger.DATABASES, server + "|" + deadDatabase)).isFalse();
            assertThat(FluxaExtensionTest.databaseExists(liveDatabase)).isTrue();
            assertThat(ledger.hexists(RunLedger.DATABASES, server + "|" + liveDatabase)).isTrue();
        } finally {
            ServerDatabases.drop(SERVERS, List.of(deadDatabase, liveDatabase));
            ledger.hdel(RunLedger.DATABASES, server + "|" + deadDatabase, server + "|" + liveDatabase);
            ledger.del(RunLedger.runKey(live));
        }
    }

    @Test
    void redisAddressesCarryTheDatabase() {
        assertThat(FluxaTestServers.of("jdbc:mariadb://h/", "u", "", "h:6380").redisAddress(5)).isEqualTo("h:6380:5");
        assertThat(FluxaTestServers.of("jdbc:mariadb://h/", "u", "", "h:6380:2").redisAddress(5)).isEqualTo("h:6380:5");
        assertThat(FluxaTestServers.of("jdbc:mariadb://h/", "u", "", "redis://:pw@h:6380/2?timeout=5s").redisAddress(5))
                .isEqualTo("redis://:pw@h:6380/5?timeout=5s");
        assertThat(FluxaTestServers.of("jdbc:mariadb://h/", "u", "", "rediss://h:6380").redisAddress(5))
                .isEqualTo("rediss://h:6380/5");
    }

    @Test
    void allowedRedisDatabasesAreNumbersAndRangesFromOne() {
        assertThat(FluxaTestServers.redisDatabases(null)).isNull();
        assertThat(FluxaTestServers.redisDatabases(" 3, 5,10-12 ")).containsExactly(3, 5, 10, 11, 12);
        for (String bad : List.of("0-3", "a", "5-2", "1-2-3", "")) {
            if (bad.isEmpty()) {
                assertThat(FluxaTestServers.redisDatabases(bad)).isNull();
                continue;
            }
            assertThatThrownBy(() -> FluxaTestServers.redisDatabases(bad)).isInstanceOf(FluxaConfigException.class)
                    .hasMessageContaining(FluxaTestServers.ENV_REDIS_DATABASES + "='" + bad + "'");
        }
    }
}
