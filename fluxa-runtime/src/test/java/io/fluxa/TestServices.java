package io.fluxa;

import io.fluxa.test.FluxaTestServers;

/**
 * The real services the runtime tests use, through the shared test-run helper: databases named
 * after this JVM's test run and a Redis database it leased, so concurrent builds never meet.
 */
final class TestServices {

    static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    static final String MYSQL_URL = SERVERS.mysqlUrl();
    static final String MYSQL_USER = SERVERS.mysqlUser();
    static final String MYSQL_PASSWORD = SERVERS.mysqlPassword();

    private TestServices() {
    }

    /** Creates this run's database for {@code base}, empty; returns its JDBC URL. */
    static String freshDatabase(String base) {
        return SERVERS.databaseUrl(SERVERS.createDatabase(base));
    }

    static void dropDatabase(String base) {
        SERVERS.dropDatabase(FluxaTestServers.databaseName(base));
    }

    /** {@code host:port:db} of the Redis database this JVM leased. */
    static String redisAddress() {
        return SERVERS.redisAddress(SERVERS.redisDatabase());
    }

    /** The Redis database this JVM leased. */
    static int redisDatabase() {
        return SERVERS.redisDatabase();
    }
}
