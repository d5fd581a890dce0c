package io.fluxa.test;

import java.util.ArrayList;
import java.util.List;

/** What a {@link FluxaTestCustomizer} may need about the test class being set up. */
public final class FluxaTestSetup {

    private final Class<?> testClass;
    private final String database;
    private final int redisDb;
    private final FluxaTestServers servers;
    private final ServerDatabases databases;
    final List<String> extraDatabases = new ArrayList<>();

    FluxaTestSetup(Class<?> testClass, String database, int redisDb, FluxaTestServers servers,
            ServerDatabases databases) {
        this.testClass = testClass;
        this.database = database;
        this.redisDb = redisDb;
        this.servers = servers;
        this.databases = databases;
    }

    public Class<?> testClass() {
        return testClass;
    }

    /** The database of the {@code default} MySQL pool. */
    public String database() {
        return database;
    }

    /** The Redis database of the extension's Redis pools. */
    public int redisDb() {
        return redisDb;
    }

    public FluxaTestServers servers() {
        return servers;
    }

    /**
     * Creates (drops first when it exists) database {@code <database()>_<suffix>} on the test server
     * and returns its JDBC URL; it is dropped with the class's other databases.
     */
    public String createDatabase(String suffix) {
        if (suffix == null || suffix.isBlank() || suffix.equals(io.fluxa.Registry.DEFAULT_POOL)) {
            throw new io.fluxa.FluxaConfigException("FluxaTestSetup.createDatabase(\"" + suffix + "\") in a customizer of "
                    + testClass.getName() + ": expected a non-empty suffix other than 'default'");
        }
        String name = DatabaseNames.forPool(database, suffix);
        databases.recreate(List.of(name));
        extraDatabases.add(name);
        return servers.databaseUrl(name);
    }
}
