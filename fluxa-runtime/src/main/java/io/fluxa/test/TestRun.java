package io.fluxa.test;

import io.fluxa.FluxaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The test run of this JVM: a random id that ends the name of every database the run creates, the
 * Redis databases it leased, and its records in each test Redis server's {@link RunLedger}. A daemon
 * thread renews the heartbeat and the leases; at JVM exit the run drops the databases it still has,
 * empties and releases its Redis databases and ends its heartbeat. A run that is killed leaves its
 * records behind: its leases expire after {@link #TTL}, and the next run on the same servers drops
 * its databases.
 */
final class TestRun {

    /** How long a heartbeat or lease lives without renewal. */
    static final Duration TTL = Duration.ofMinutes(2);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(TestRun.class);
    private static final TestRun CURRENT = new TestRun(newId());

    private final String id;
    private final String description;
    /** One ledger per test Redis server, by {@link FluxaTestServers#redisLockKey()}. */
    private final Map<String, RunLedger> ledgers = new LinkedHashMap<>();
    /** The databases this run created and has not dropped, by {@code <ledger>|<mysql server>|<name>}. */
    private final Map<String, Created> databases = new LinkedHashMap<>();
    private final Set<String> sweptServers = new HashSet<>();
    private final Set<String> lostLeases = new HashSet<>();
    private ScheduledExecutorService renewer;
    private boolean ended;

    private record Created(FluxaTestServers servers, String name) {
    }

    private TestRun(String id) {
        this.id = id;
        this.description = "pid " + ProcessHandle.current().pid() + " in " + System.getProperty("user.dir")
                + ", started " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static TestRun current() {
        return CURRENT;
    }

    /** 8 random characters {@code [0-9a-z]}. */
    private static String newId() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            b.append(Character.forDigit(random.nextInt(36), 36));
        }
        return b.toString();
    }

    String id() {
        return id;
    }

    /** {@code base_<id>}, the base cut to fit; a name that already ends with this run's id is kept. */
    String databaseName(String base) {
        String suffix = "_" + id;
        if (base.endsWith(suffix)) {
            return base;
        }
        int room = DatabaseNames.MAX_BASE_LENGTH;
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }

    /**
     * Records and (re)creates the run's databases for {@code bases}. The first time this run uses a
     * MySQL server it drops there the databases of runs whose heartbeat is gone.
     */
    synchronized List<String> createDatabases(FluxaTestServers servers, List<String> bases) {
        RunLedger ledger = ledger(servers);
        String server = servers.mysqlServer();
        if (sweptServers.add(servers.redisLockKey() + "|" + server)) {
            sweep(servers, ledger, server);
        }
        List<String> names = bases.stream().map(this::databaseName).distinct().toList();
        for (String name : names) {
            // recorded before it exists, so a sweeping run never finds an unrecorded database of a live run
            ledger.recordDatabase(server, name);
            databases.put(key(servers, name), new Created(servers, name));
        }
        try {
            ServerDatabases.recreate(servers, names);
        } catch (RuntimeException e) {
            forget(servers, ledger, names);
            throw e;
        }
        return names;
    }

    synchronized void dropDatabases(FluxaTestServers servers, List<String> names) {
        ServerDatabases.drop(servers, names);
        forget(servers, ledger(servers), names);
    }

    /** Stops tracking the databases: they are neither dropped at exit nor by a later run. */
    synchronized void keepDatabases(FluxaTestServers servers, List<String> names) {
        forget(servers, ledger(servers), names);
    }

    private void forget(FluxaTestServers servers, RunLedger ledger, List<String> names) {
        for (String name : names) {
            ledger.forgetDatabase(servers.mysqlServer(), name);
            databases.remove(key(servers, name));
        }
    }

    private static String key(FluxaTestServers servers, String name) {
        return servers.redisLockKey() + "|" + servers.mysqlServer() + "|" + name;
    }

    /** Drops now the recorded databases of ended runs on the MySQL server of {@code servers}. */
    synchronized void sweepEndedRuns(FluxaTestServers servers) {
        sweep(servers, ledger(servers), servers.mysqlServer());
    }

    /** Drops the recorded databases on {@code server} of runs whose heartbeat is gone; never fails. */
    private void sweep(FluxaTestServers servers, RunLedger ledger, String server) {
        try {
            Map<String, Boolean> alive = new LinkedHashMap<>();
            List<String> stale = new ArrayList<>();
            ledger.recordedDatabases(server).forEach((name, owner) -> {
                if (!owner.equals(id) && !alive.computeIfAbsent(owner, ledger::isAlive)) {
                    stale.add(name);
                }
            });
            if (!stale.isEmpty()) {
                ServerDatabases.drop(servers, stale);
                stale.forEach(name -> ledger.forgetDatabase(server, name));
                LOG.info("Fluxa test run {} dropped {} database(s) left by ended test runs on {}: {}", id,
                        stale.size(), server, stale);
            }
        } catch (RuntimeException e) {
            LOG.warn("Fluxa test run {} could not drop the databases left by ended test runs on {}: {}", id, server,
                    e.toString());
        }
    }

    /** The Redis database this run holds for {@code slot}, leased on first use. */
    synchronized int redisDatabase(FluxaTestServers servers, int slot) {
        if (slot < 0) {
            throw new io.fluxa.FluxaConfigException("Redis database slot " + slot + ": expected 0 or more");
        }
        return ledger(servers).lease(slot, servers.allowedRedisDatabases(), TTL,
                "narrow or widen " + FluxaTestServers.ENV_REDIS_DATABASES + ", or " + servers.redisHint());
    }

    /** Empties a Redis database this run leased; fails for any other, never touching it. */
    synchronized void flushRedis(FluxaTestServers servers, int database) {
        RunLedger ledger = ledger(servers);
        if (lostLeases.contains(servers.redisLockKey() + "/" + database)) {
            throw new FluxaException("test run " + id + " lost its lease on Redis database " + database + " of "
                    + servers.redisLockKey() + " (not renewed for " + TTL.toSeconds() + " s: was the JVM suspended?); "
                    + "another run may use it now, so it is not emptied");
        }
        if (!ledger.holds(database)) {
            throw new FluxaException("Redis database " + database + " of " + servers.redisLockKey()
                    + " is not leased by this test run (" + id + "), so it is not emptied: another build may be "
                    + "using it. Use a database from FluxaTestServers.redisDatabase(slot)");
        }
        if (!ledger.flush(database)) {
            throw new FluxaException("test run " + id + " no longer holds the lease on Redis database " + database
                    + " of " + servers.redisLockKey() + ", so it is not emptied");
        }
    }

    private RunLedger ledger(FluxaTestServers servers) {
        if (ended) {
            throw new FluxaException("test run " + id + " has ended (the JVM is shutting down)");
        }
        RunLedger ledger = ledgers.get(servers.redisLockKey());
        if (ledger == null) {
            ledger = RunLedger.open(servers, id, description, TTL);
            ledgers.put(servers.redisLockKey(), ledger);
            startRenewing();
        }
        return ledger;
    }

    private void startRenewing() {
        if (renewer != null) {
            return;
        }
        renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "fluxa-test-run-" + id);
            thread.setDaemon(true);
            return thread;
        });
        renewer.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(this::end, "fluxa-test-run-end-" + id));
    }

    private synchronized void renew() {
        if (ended) {
            return;
        }
        ledgers.forEach((server, ledger) -> {
            try {
                for (int lost : ledger.renew(description, TTL)) {
                    lostLeases.add(server + "/" + lost);
                    LOG.error("Fluxa test run {} lost its lease on Redis database {} of {}; it will not empty it again",
                            id, lost, server);
                }
            } catch (RuntimeException e) {
                LOG.warn("Fluxa test run {} could not renew its records on Redis {}: {}", id, server, e.toString());
            }
        });
    }

    /** At JVM exit: drops what is left, empties and releases the Redis databases, ends the heartbeats. */
    private synchronized void end() {
        if (renewer != null) {
            renewer.shutdownNow();
        }
        Map<FluxaTestServers, List<String>> left = new LinkedHashMap<>();
        databases.values().forEach(c -> left.computeIfAbsent(c.servers(), s -> new ArrayList<>()).add(c.name()));
        left.forEach((servers, names) -> {
            try {
                dropDatabases(servers, names);
            } catch (RuntimeException e) {
                LOG.warn("Fluxa test run {} could not drop {} at exit: {}", id, names, e.toString());
            }
        });
        ended = true;
        ledgers.forEach((server, ledger) -> {
            try {
                ledger.close();
            } catch (RuntimeException e) {
                LOG.warn("Fluxa test run {} could not release its Redis databases on {}: {}", id, server, e.toString());
            }
        });
        ledgers.clear();
    }
}
