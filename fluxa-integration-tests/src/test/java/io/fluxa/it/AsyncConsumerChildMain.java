package io.fluxa.it;

import io.fluxa.Engine;
import io.fluxa.EntityModel;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushOptions;

import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.locks.LockSupport;

/**
 * The async flush consumer {@link KilledAsyncConsumerTest} runs in a JVM of its own and kills with
 * {@code kill -9}: it applies the default pool's entries in small batches until it is killed.
 *
 * <p>Arguments: MySQL JDBC URL (with the database), user, password, Redis address.
 */
public final class AsyncConsumerChildMain {

    private AsyncConsumerChildMain() {
    }

    public static void main(String[] args) {
        Registry registry = new Registry()
                .registerMySql(Registry.DEFAULT_POOL, args[0], args[1], args[2].isEmpty() ? null : args[2],
                        new Registry.MySqlOptions(4, 1, null, null, null, null))
                .registerRedis(Registry.DEFAULT_POOL, args[3], null)
                .registerLocalCache(Registry.DEFAULT_POOL, 0);
        for (EntityModel model : ServiceLoader.load(EntityModel.class)) {
            registry.registerModel(model);
        }
        Engine engine = registry.validate();
        engine.asyncFlush().consumer(Registry.DEFAULT_POOL, KilledAsyncConsumerTest.CHILD_OPTIONS).start();
        while (true) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos()); // until killed
        }
    }

    static AsyncFlushOptions options() {
        return AsyncFlushOptions.DEFAULTS.withBatchSize(5).withBlock(Duration.ofMillis(200))
                .withLeaseTtl(Duration.ofSeconds(1));
    }
}
