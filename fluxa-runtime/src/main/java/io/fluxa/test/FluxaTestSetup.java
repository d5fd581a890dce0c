package io.fluxa.test;

import java.util.ArrayList;
import java.util.List;

/** What a {@link FluxaTestCustomizer} may need about the test class being set up. */
public final class FluxaTestSetup {

    private final Class<?> testClass;
    /** The base of the default pool's database name, without the run id. */
    private final String base;
    private final String database;
    private final int redisDb;
    private final FluxaTestServers servers;
    private final boolean keepDatabases;
    final List<String> extraDatabases = new ArrayList<>();

    FluxaTestSetup(Class<?> testClass, String base, String database, int redisDb, FluxaTestServers servers,
            boolean keepDatabases) {
        this.testClass = testClass;
        this.base = base;
        this.database = database;
        this.redisDb = redisDb;
        this.servers = servers;
        this.keepDatabases = keepDatabases;
    }

    public Class<?> testClass() {
        return testClass;
    }

    /** The database of the {@code default} MySQL pool (its name ends with the test run's id). */
    public String database() {
        return database;
    }

    /**
     * The Redis database of the extension's Redis pools, leased by this test run for the class's
     * {@link FluxaTest#redisDb()} slot. A customizer that needs another Redis database asks
     * {@code servers().redisDatabase(slot)} for one, with a slot no other class uses.
     */
    public int redisDb() {
        return redisDb;
    }

    public FluxaTestServers servers() {
        return servers;
    }

    /**
     * Creates (drops first when it exists) this run's database for {@code <base>_<suffix>} on the test
     * server, where base is {@link #database()} without the run id, and returns its JDBC URL; it is
     * dropped with the class's other databases.
     */
    public String createDatabase(String suffix) {
        if (suffix == null || suffix.isBlank() || suffix.equals(io.fluxa.Registry.DEFAULT_POOL)) {
            throw new io.fluxa.FluxaConfigException("FluxaTestSetup.createDatabase(\"" + suffix + "\") in a customizer of "
                    + testClass.getName() + ": expected a non-empty suffix other than 'default'");
        }
        List<String> name = servers.createDatabases(List.of(DatabaseNames.forPool(base, suffix)));
        if (keepDatabases) {
            servers.keepDatabases(name);
        }
        extraDatabases.addAll(name);
        return servers.databaseUrl(name.get(0));
    }
}
