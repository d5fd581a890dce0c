package io.fluxa.stream;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.test.FluxaTestServers;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Engines on this test run's leased Redis database and bounded polling for the stream tests. */
final class StreamTestSupport {

    /** Set for a child JVM that must use its parent's Redis database instead of leasing its own. */
    static final String REDIS_DB_PROPERTY = "fluxa.test.stream.redis-db";

    static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    static final String REDIS = SERVERS.redis();
    static final int REDIS_DB = Integer.getInteger(REDIS_DB_PROPERTY, -1) >= 0
            ? Integer.getInteger(REDIS_DB_PROPERTY) : SERVERS.redisDatabase();

    private StreamTestSupport() {
    }

    static Registry registry() {
        return new Registry().registerRedis("default", SERVERS.redisAddress(REDIS_DB), null);
    }

    /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} after {@code limit}. */
    static void await(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + limit + " waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    static void emptyDatabase(Engine engine) {
        SERVERS.flushRedisDatabase(REDIS_DB);
    }
}
