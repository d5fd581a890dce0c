package io.fluxa.test;

import io.fluxa.FluxaException;
import io.fluxa.redis.RedisAddress;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * What the test runs of all JVMs sharing one Redis server know about each other, kept in database 0
 * of that server under {@code fluxa:test:} keys:
 *
 * <ul>
 * <li>{@code fluxa:test:run:<id>} — a run's heartbeat (who it is), expiring unless renewed;</li>
 * <li>{@code fluxa:test:redis-db:<n>} — the lease of Redis database {@code n}: the id of the run that
 * may use and empty it, expiring unless renewed;</li>
 * <li>{@code fluxa:test:databases} — hash of the MySQL databases runs created, {@code <server>|<name>}
 * → run id, so a later run can drop those of runs whose heartbeat is gone.</li>
 * </ul>
 *
 * Not thread-safe: {@link TestRun} serializes the calls.
 */
final class RunLedger implements AutoCloseable {

    static final String PREFIX = "fluxa:test:";
    static final String DATABASES = PREFIX + "databases";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Extends a key's expiry only while it still holds this run's id. */
    private static final String RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    /** Deletes a key only while it still holds this run's id. */
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) end return 0";
    /** Empties a database only while its lease holds this run's id; SELECT in a script does not affect the caller. */
    private static final String FLUSH = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end "
            + "redis.call('SELECT', ARGV[2]) redis.call('FLUSHDB') return 1";

    private final String runId;
    private final String server;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    /** Leased database by slot. */
    private final Map<Integer, Integer> leases = new TreeMap<>();
    private Integer databaseCount;

    private RunLedger(String runId, String server, RedisClient client,
            StatefulRedisConnection<String, String> connection) {
        this.runId = runId;
        this.server = server;
        this.client = client;
        this.connection = connection;
        this.redis = connection.sync();
    }

    /** Connects to database 0 of the test Redis server and writes this run's heartbeat. */
    static RunLedger open(FluxaTestServers servers, String runId, String description, Duration ttl) {
        RedisURI uri;
        try {
            RedisAddress address = RedisAddress.parse(servers.redis());
            uri = address.with(null, null, 0).toRedisUri();
        } catch (IllegalArgumentException e) {
            throw new io.fluxa.FluxaConfigException("'" + servers.redis() + "' is not a Redis address: "
                    + e.getMessage() + ". " + servers.redisHint(), e);
        }
        uri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            RunLedger ledger = new RunLedger(runId, servers.redisLockKey(), client, connection);
            ledger.redis.set(runKey(runId), description, SetArgs.Builder.px(ttl.toMillis()));
            return ledger;
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, TIMEOUT);
            throw new FluxaException("cannot use the test Redis at " + servers.redisLockKey()
                    + ", which also keeps the records of the test runs: " + ServerDatabases.message(e) + ". "
                    + servers.redisHint(), e);
        }
    }

    static String runKey(String runId) {
        return PREFIX + "run:" + runId;
    }

    static String leaseKey(int database) {
        return PREFIX + "redis-db:" + database;
    }

    /**
     * The database leased for {@code slot}, leasing on first use the first free one of {@code allowed}
     * (null: all) that is not database 0 and exists on the server, and emptying it: it may hold what a
     * killed run left.
     */
    int lease(int slot, List<Integer> allowed, Duration ttl, String hint) {
        Integer leased = leases.get(slot);
        if (leased != null) {
            return leased;
        }
        int count = databaseCount();
        List<Integer> candidates = allowed != null ? allowed : IntStream.range(1, count).boxed().toList();
        Map<Integer, String> taken = new LinkedHashMap<>();
        for (int database : candidates) {
            if (database <= 0 || database >= count || leases.containsValue(database)) {
                continue;
            }
            if ("OK".equals(redis.set(leaseKey(database), runId, SetArgs.Builder.nx().px(ttl.toMillis())))) {
                leases.put(slot, database);
                flush(database);
                return database;
            }
            taken.put(database, redis.get(leaseKey(database)));
        }
        StringBuilder holders = new StringBuilder();
        taken.forEach((database, holder) -> holders.append(holders.length() == 0 ? "" : "; ").append(database)
                .append(" by ").append(holder == null ? "a run that just ended" : describeRun(holder)));
        throw new FluxaException("no free Redis database for test run " + runId + " on " + server + " (allowed: "
                + candidates + " of the server's " + count + "; this run holds " + leases.values() + "; leased by "
                + "other runs: " + holders + "). Each test JVM leases its own databases; wait for the other runs "
                + "(a killed run's leases expire after " + ttl.toSeconds() + " s), or " + hint);
    }

    /** Empties {@code database} if this run holds its lease; false when it does not. */
    boolean flush(int database) {
        Long done = redis.eval(FLUSH, ScriptOutputType.INTEGER, new String[] {leaseKey(database)}, runId,
                Integer.toString(database));
        return done != null && done == 1L;
    }

    boolean holds(int database) {
        return leases.containsValue(database);
    }

    /**
     * Extends the heartbeat and every lease. Returns the databases whose lease was lost (it expired
     * and another run may hold it now); they are dropped from this run's leases.
     */
    List<Integer> renew(String description, Duration ttl) {
        String ms = Long.toString(ttl.toMillis());
        Long alive = redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {runKey(runId)}, description, ms);
        if (alive == null || alive == 0L) {
            // the heartbeat lapsed (the JVM was suspended); say we are alive again before anyone sweeps
            redis.set(runKey(runId), description, SetArgs.Builder.px(ttl.toMillis()));
        }
        List<Integer> lost = new ArrayList<>();
        leases.entrySet().removeIf(lease -> {
            Long renewed = redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {leaseKey(lease.getValue())},
                    runId, ms);
            if (renewed == null || renewed == 0L) {
                lost.add(lease.getValue());
                return true;
            }
            return false;
        });
        return lost;
    }

    boolean isAlive(String otherRunId) {
        return redis.exists(runKey(otherRunId)) == 1L;
    }

    String describeRun(String otherRunId) {
        String description = redis.get(runKey(otherRunId));
        return "run " + otherRunId + (description == null ? " (gone)" : " (" + description + ")");
    }

    void recordDatabase(String mysqlServer, String name) {
        redis.hset(DATABASES, mysqlServer + "|" + name, runId);
    }

    void forgetDatabase(String mysqlServer, String name) {
        redis.hdel(DATABASES, mysqlServer + "|" + name);
    }

    /** Database name → run id of the databases recorded on {@code mysqlServer}. */
    Map<String, String> recordedDatabases(String mysqlServer) {
        Map<String, String> found = new TreeMap<>();
        String prefix = mysqlServer + "|";
        redis.hgetall(DATABASES).forEach((field, owner) -> {
            if (field.startsWith(prefix)) {
                found.put(field.substring(prefix.length()), owner);
            }
        });
        return found;
    }

    private int databaseCount() {
        if (databaseCount == null) {
            int count = 16;
            try {
                Map<String, String> config = redis.configGet("databases");
                if (config.get("databases") != null) {
                    count = Integer.parseInt(config.get("databases"));
                }
            } catch (RuntimeException e) {
                // CONFIG is often disabled on managed servers; 16 is the Redis default
            }
            databaseCount = count;
        }
        return databaseCount;
    }

    /** Empties and releases every lease, then ends the heartbeat. */
    @Override
    public void close() {
        try {
            for (int database : leases.values()) {
                flush(database);
                redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {leaseKey(database)}, runId);
            }
            leases.clear();
            redis.del(runKey(runId));
        } finally {
            connection.close();
            client.shutdown(Duration.ZERO, TIMEOUT);
        }
    }
}
