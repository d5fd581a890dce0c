package io.fluxa.test;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class FluxaResourceLocksTest {

    @FluxaTest(database = "fluxa_ts_locks", redisDb = 8)
    static class Locked {
    }

    static class NotFluxa {
    }

    @Test
    void fluxaClassesLockTheirRedisSlotAndTheirMySqlDatabaseBaseName() {
        String redis = FluxaTestServers.fromEnvironment().redisLockKey();
        assertThat(new FluxaResourceLocks().provideForClass(Locked.class)).containsExactlyInAnyOrder(
                new Lock("io.fluxa.test.redis:" + redis + "/8", ResourceAccessMode.READ_WRITE),
                new Lock("io.fluxa.test.mysql:fluxa_ts_locks", ResourceAccessMode.READ_WRITE));
        assertThat(new FluxaResourceLocks().provideForClass(NotFluxa.class)).isEmpty();
    }

    // ---- with JUnit parallel execution on --------------------------------------------------------

    /** Who ran while the other class of its pair was running; written by the cases. */
    static final Map<String, Boolean> MET = new ConcurrentHashMap<>();
    static volatile CountDownLatch started;

    /** Waits a while for the other class to start too; true when it did. */
    static boolean meetsTheOther() throws InterruptedException {
        started.countDown();
        return started.await(2, TimeUnit.SECONDS);
    }

    @FluxaTest(database = "fluxa_ts_same_a", redisDb = 7, models = TestModel.class)
    static class SameRedisA {
        @Test
        void run() throws InterruptedException {
            MET.put("A", meetsTheOther());
        }
    }

    @FluxaTest(database = "fluxa_ts_same_b", redisDb = 7, models = TestModel.class)
    static class SameRedisB {
        @Test
        void run() throws InterruptedException {
            MET.put("B", meetsTheOther());
        }
    }

    @FluxaTest(database = "fluxa_ts_other_c", redisDb = 7, models = TestModel.class)
    static class OtherRedisC {
        @Test
        void run() throws InterruptedException {
            MET.put("C", meetsTheOther());
        }
    }

    @FluxaTest(database = "fluxa_ts_other_d", redisDb = 8, models = TestModel.class)
    static class OtherRedisD {
        @Test
        void run() throws InterruptedException {
            MET.put("D", meetsTheOther());
        }
    }

    @FluxaTest(database = "fluxa_ts_one_class", redisDb = 7, models = TestModel.class)
    static class OneClass {
        @Test
        void first() throws InterruptedException {
            MET.put("first", meetsTheOther());
        }

        @Test
        void second() throws InterruptedException {
            MET.put("second", meetsTheOther());
        }
    }

    private static void runInParallel(Class<?>... classes) {
        runInParallel(classes.length, classes);
    }

    private static void runInParallel(int tests, Class<?>... classes) {
        MET.clear();
        started = new CountDownLatch(2);
        var kit = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
        for (Class<?> c : classes) {
            kit = kit.selectors(selectClass(c));
        }
        kit.execute().testEvents().assertStatistics(s -> s.succeeded(tests).failed(0));
    }

    @Test
    void classesOnTheSameRedisDatabaseNeverRunTogether() {
        runInParallel(SameRedisA.class, SameRedisB.class);
        // the first class waited for the second in vain; the second found the latch already counted down
        assertThat(MET.values()).containsExactlyInAnyOrder(false, true);
    }

    @Test
    void theTestsOfOneClassNeverRunTogetherEvenInConcurrentMode() {
        runInParallel(2, OneClass.class);
        assertThat(MET.values()).containsExactlyInAnyOrder(false, true);
    }

    @Test
    void classesOnDifferentRedisDatabasesRunTogether() {
        runInParallel(OtherRedisC.class, OtherRedisD.class);
        assertThat(MET).containsOnly(Map.entry("C", true), Map.entry("D", true));
    }
}
