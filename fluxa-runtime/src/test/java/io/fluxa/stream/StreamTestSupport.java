package io.fluxa.stream;

import io.fluxa.Engine;
import io.fluxa.Registry;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Engines on Redis db 9 and bounded polling for the stream tests. */
final class StreamTestSupport {

    static final String REDIS = env("FLUXA_TEST_REDIS", "127.0.0.1:6379");
    static final int REDIS_DB = 9;

    private StreamTestSupport() {
    }

    static Registry registry() {
        return new Registry().registerRedis("default", REDIS + ":" + REDIS_DB, null);
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
        engine.redis("default").flushDb();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
