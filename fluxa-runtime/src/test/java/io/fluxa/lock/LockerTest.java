package io.fluxa.lock;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.RedisCommandException;
import io.fluxa.Registry;
import io.fluxa.log.QueryEvent;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.redis.RedisPool;
import io.fluxa.test.FluxaTest;
import io.fluxa.test.FluxaTestCustomizer;
import io.fluxa.test.FluxaTestServers;
import io.fluxa.test.FluxaTestSetup;
import io.fluxa.test.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Distributed locks on the real Redis, with a MySQL row as a shared resource. */
@FluxaTest(database = "fluxa_locks", customizers = LockerTest.CrowdPool.class)
class LockerTest {

    /**
     * The thousand-thread tests run on a pool of their own, on the same Redis database, with a long
     * command timeout. They are about exclusion, not latency: on a loaded CI machine one of a
     * thousand queued commands can wait past the default 2 s, and the breaker (threshold 1) then fails
     * every other waiter at once.
     */
    public static class CrowdPool implements FluxaTestCustomizer {
        @Override
        public void configure(Registry registry, FluxaTestSetup setup) {
            registry.registerRedis("crowd", setup.servers().redis(), new Registry.RedisOptions(null, null,
                    setup.redisDb(), Duration.ofSeconds(60), null, null));
        }
    }

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofMillis(300);

    Engine engine;
    Context context;

    private Locker locker;
    private Locker crowdLocker;
    private RedisPool redis;
    private MySqlPool db;

    @BeforeEach
    void setUp() {
        locker = engine.locker("default");
        crowdLocker = engine.locker("crowd");
        redis = engine.redis("default");
        db = engine.db("default");
    }

    // ---- exclusion --------------------------------------------------------------------------------

    @Test
    void aThousandWaitingObtainersHoldTheLockOneAtATimeWithGrowingTokens() throws InterruptedException {
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());

        runConcurrently(1_000, i -> {
            try (Lock lock = crowdLocker.obtain("crowd", LONG, Duration.ofMinutes(5))) {
                mostAtOnce.accumulateAndGet(holders.incrementAndGet(), Math::max);
                tokens.add(lock.token());
                Thread.yield();
                holders.decrementAndGet();
            }
        });

        assertThat(mostAtOnce).hasValue(1);
        assertThat(tokens).hasSize(1_000).isSorted().doesNotHaveDuplicates();
        assertThat(redis.exists(Locker.key(redis, "crowd"))).isZero();
        assertThat(redis.get(Locker.tokenKey(redis, "crowd"))).hasValue(Long.toString(tokens.get(999)));
    }

    @Test
    void ofAThousandSimultaneousTriesExactlyOneObtains() throws InterruptedException {
        List<Lock> obtained = new CopyOnWriteArrayList<>();
        runConcurrently(1_000, i -> crowdLocker.tryObtain("burst", LONG).ifPresent(obtained::add));

        assertThat(obtained).hasSize(1);
        assertThat(obtained.get(0).release()).isTrue();
    }

    @Test
    void sixteenThreadsTimesAHundredIncrementsUnderTheLockLoseNone() throws InterruptedException {
        db.exec("DROP TABLE IF EXISTS `lock_counter`");
        db.exec("CREATE TABLE `lock_counter` (`ID` int NOT NULL PRIMARY KEY, `Value` int NOT NULL)");
        db.exec("INSERT INTO `lock_counter` VALUES (1, 0)");
        redis.set("counter", "0");

        runConcurrently(16, i -> {
            for (int n = 0; n < 100; n++) {
                try (Lock lock = locker.obtain("counter", LONG, Duration.ofMinutes(2))) {
                    // read-modify-write in separate round-trips: only the lock keeps updates from being lost
                    int value = db.queryRow("SELECT `Value` FROM `lock_counter` WHERE `ID` = 1", rs -> rs.getInt(1))
                            .orElseThrow();
                    db.exec("UPDATE `lock_counter` SET `Value` = ? WHERE `ID` = 1", value + 1);
                    long cached = Long.parseLong(redis.get("counter").orElseThrow());
                    redis.set("counter", Long.toString(cached + 1));
                }
            }
        });

        assertThat(db.queryRow("SELECT `Value` FROM `lock_counter` WHERE `ID` = 1", rs -> rs.getInt(1)))
                .hasValue(1_600);
        assertThat(redis.get("counter")).hasValue("1600");
    }

    @Test
    void aHeldLockIsNotObtainedAgainNotEvenByItsOwnThread() {
        try (Lock held = locker.obtain("busy", LONG)) {
            assertThat(locker.tryObtain("busy", LONG)).isEmpty();
            assertThat(locker.tryObtain("busy", LONG, Duration.ofMillis(50))).isEmpty();
            assertThatThrownBy(() -> locker.obtain("busy", LONG, Duration.ofMillis(20)))
                    .isInstanceOf(LockNotObtainedException.class)
                    .hasMessageContaining("lock 'busy' on Redis pool 'default' is held by another owner")
                    .hasMessageContaining("waited 20 ms")
                    .satisfies(e -> {
                        LockNotObtainedException notObtained = (LockNotObtainedException) e;
                        assertThat(notObtained.lockName()).isEqualTo("busy");
                        assertThat(notObtained.pool()).isEqualTo("default");
                    });
            assertThat(held.isHeld()).isTrue();
            assertThat(locker.tryObtain("other", LONG)).hasValueSatisfying(Lock::close);
        }
        assertThat(locker.tryObtain("busy", LONG)).hasValueSatisfying(Lock::close);
    }

    // ---- expiry, release, fencing -----------------------------------------------------------------

    @Test
    void anExpiredLockIsHandedOverWithAHigherToken() {
        Lock first = locker.withoutAutoRefresh().obtain("handover", SHORT);

        Lock second = locker.obtain("handover", LONG, LONG);   // waits until the first one expired

        assertThat(second.token()).isGreaterThan(first.token());
        // isHeld() is the local clock's estimate; Redis's clock decided the hand-over
        pollUntil(() -> !first.isHeld());
        assertThat(second.isHeld()).isTrue();
        assertThat(second.remainingTtl()).isPresent();
        assertThat(first.remainingTtl()).isEmpty();
        assertThatThrownBy(first::checkHeld).isInstanceOf(LockLostException.class);
        second.close();
    }

    @Test
    void aReleaseByAnOwnerThatNoLongerHoldsTheLockIsRefused() {
        Lock first = locker.obtain("owned", LONG);
        assertThat(first.release()).isTrue();
        Lock second = locker.obtain("owned", LONG);

        assertThat(first.release()).isFalse();
        first.close();   // released already: nothing to do, nothing thrown

        assertThat(second.remainingTtl()).isPresent();
        assertThat(locker.tryObtain("owned", LONG)).isEmpty();
        assertThat(second.release()).isTrue();
        assertThat(redis.exists(Locker.key(redis, "owned"))).isZero();
    }

    @Test
    void aFrozenHolderCannotReleaseItsSuccessorsLockAndItsTokenIsFenced() {
        db.exec("DROP TABLE IF EXISTS `lock_fenced`");
        db.exec("CREATE TABLE `lock_fenced` (`ID` int NOT NULL PRIMARY KEY, `Value` varchar(20) NOT NULL,"
                + " `Token` bigint NOT NULL)");
        db.exec("INSERT INTO `lock_fenced` VALUES (1, 'initial', 0)");

        // the frozen holder: no watchdog refreshes its lock, as if its whole process stopped
        Lock frozen = locker.withoutAutoRefresh().obtain("job", SHORT);
        assertThat(fencedWrite("frozen-1", frozen.token())).isEqualTo(1);

        Lock successor = locker.obtain("job", LONG, LONG);
        assertThat(fencedWrite("successor", successor.token())).isEqualTo(1);

        // the frozen holder wakes up and carries on as if it still held the lock
        assertThat(fencedWrite("frozen-2", frozen.token())).isZero();
        assertThatThrownBy(frozen::close).isInstanceOf(LockLostException.class)
                .hasMessageContaining("lock 'job' on Redis pool 'default' (token " + frozen.token() + ") was lost");
        assertThat(frozen.release()).isFalse();

        assertThat(successor.isHeld()).isTrue();
        assertThat(successor.remainingTtl()).isPresent();
        assertThat(db.queryRow("SELECT `Value`, `Token` FROM `lock_fenced` WHERE `ID` = 1",
                rs -> rs.getString(1) + "@" + rs.getLong(2))).hasValue("successor@" + successor.token());
        successor.close();
    }

    /** The resource's side of fencing: a write carrying a lower token than the last one is ignored. */
    private long fencedWrite(String value, long token) {
        return db.exec("UPDATE `lock_fenced` SET `Value` = ?, `Token` = ? WHERE `ID` = 1 AND `Token` <= ?",
                value, token, token).rowsAffected();
    }

    // ---- the watchdog -----------------------------------------------------------------------------

    @Test
    void theWatchdogKeepsTheLockPastItsTtlUntilItIsReleased() {
        Duration ttl = Duration.ofSeconds(1);
        try (Lock lock = locker.obtain("long-job", ttl)) {
            long until = System.nanoTime() + ttl.multipliedBy(3).toNanos();
            pollUntil(() -> {
                assertThat(lock.isHeld()).isTrue();
                assertThat(locker.tryObtain("long-job", LONG)).isEmpty();
                return System.nanoTime() - until > 0;
            });
            assertThat(lock.remainingTtl()).isPresent();
        }
        assertThat(redis.exists(Locker.key(redis, "long-job"))).isZero();
    }

    @Test
    void theWatchdogMarksTheLockLostWhenAnotherOwnerTookIt() {
        Lock lock = locker.obtain("stolen", Duration.ofSeconds(1));
        redis.set(Locker.key(redis, "stolen"), "intruder");

        pollUntil(() -> !lock.isHeld());

        assertThatThrownBy(lock::checkHeld).isInstanceOf(LockLostException.class)
                .hasMessageContaining("found it expired or held by another owner");
        assertThatThrownBy(lock::close).isInstanceOf(LockLostException.class);
        assertThat(redis.get(Locker.key(redis, "stolen"))).hasValue("intruder");
    }

    @Test
    void theWatchdogMarksTheLockLostWhenARefreshFails() {
        Lock lock = locker.obtain("broken", Duration.ofSeconds(1));
        redis.del(Locker.key(redis, "broken"));
        redis.hSet(Locker.key(redis, "broken"), "not", "a string");   // GET in the refresh script now fails

        pollUntil(() -> !lock.isHeld());

        assertThatThrownBy(lock::checkHeld).isInstanceOf(LockLostException.class)
                .hasMessageContaining("automatic refresh failed")
                .hasCauseInstanceOf(RedisCommandException.class);
        redis.del(Locker.key(redis, "broken"));
        assertThatThrownBy(lock::close).isInstanceOf(LockLostException.class);
    }

    @Test
    void aLockDroppedWithoutReleaseIsNoLongerRefreshedOnceCollected() {
        obtainAndForget("forgotten", SHORT);

        pollUntil(() -> {
            System.gc();   // the watchdog reaches the lock weakly: once collected, the lock may expire
            return redis.exists(Locker.key(redis, "forgotten")) == 0;
        });
        assertThat(locker.tryObtain("forgotten", LONG)).hasValueSatisfying(Lock::close);
    }

    private void obtainAndForget(String name, Duration ttl) {
        assertThat(locker.obtain(name, ttl).isHeld()).isTrue();
    }

    @Test
    void withoutAutoRefreshAManualRefreshExtendsTheLock() {
        Lock lock = locker.withoutAutoRefresh().obtain("manual", SHORT);
        assertThat(lock.refresh(LONG)).isTrue();
        assertThat(lock.ttl()).isEqualTo(LONG);
        assertThat(lock.remainingTtl()).hasValueSatisfying(left -> assertThat(left).isGreaterThan(SHORT));
        assertThat(lock.release()).isTrue();
        assertThatThrownBy(() -> lock.refresh(LONG)).isInstanceOf(IllegalStateException.class);
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    @Test
    void locksWorkAgainAfterTheServerForgotTheScripts() {
        locker.obtain("scripts", LONG).close();
        redis.connection().sync().scriptFlush();
        try (Lock lock = locker.obtain("scripts", LONG)) {
            assertThat(lock.remainingTtl()).isPresent();
        }
    }

    @Test
    void lockKeysFollowThePoolsKeyPrefix() {
        Registry.RedisOptions prefixed = new Registry.RedisOptions(null, null, redis.database(), null, null, "shop:");
        try (Engine shop = new Registry().registerRedis("default", FluxaTestServers.fromEnvironment().redis(), prefixed)
                .validate()) {
            try (Lock lock = shop.locker("default").obtain("prefixed", LONG)) {
                assertThat(redis.get("shop:lock:{prefixed}")).isPresent();
                assertThat(redis.get("shop:lock:{prefixed}:token")).hasValue(Long.toString(lock.token()));
                assertThat(locker.tryObtain("prefixed", LONG)).hasValueSatisfying(Lock::close); // another key
            }
            assertThat(redis.exists("shop:lock:{prefixed}")).isZero();
        }
    }

    @Test
    void aContextsLockerLogsItsRedisCallsThroughTheContext() {
        List<QueryEvent> events = new CopyOnWriteArrayList<>();
        context.registerQueryLogger(events::add, false, true, false);

        context.locker("default").obtain("logged", LONG).close();

        assertThat(events).extracting(QueryEvent::query).isNotEmpty()
                .allSatisfy(query -> assertThat(query).contains("lock:{logged}"));
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> locker.obtain(null, LONG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locker.obtain("", LONG)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> locker.obtain("x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> locker.obtain("x", LONG, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThat(redis.dbSize()).isZero();
    }

    @Test
    void anInterruptedThreadDoesNotObtain() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> locker.obtain("interrupted", LONG))
                    .isInstanceOf(LockNotObtainedException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(redis.exists(Locker.key(redis, "interrupted"))).isZero();
    }

    @Test
    void anInterruptedWaitStopsWithLockNotObtained() throws InterruptedException {
        try (Lock held = locker.obtain("interrupted", LONG)) {
            List<Throwable> outcome = new CopyOnWriteArrayList<>();
            AtomicInteger flagAfterwards = new AtomicInteger(-1);
            Thread waiter = new Thread(() -> {
                try {
                    locker.obtain("interrupted", LONG, Duration.ofMinutes(5)).close();
                } catch (Throwable e) {
                    outcome.add(e);
                }
                flagAfterwards.set(Thread.currentThread().isInterrupted() ? 1 : 0);
            });
            waiter.start();
            pollUntil(() -> waiter.getState() == Thread.State.TIMED_WAITING);
            waiter.interrupt();
            waiter.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(outcome).singleElement().isInstanceOf(LockNotObtainedException.class)
                    .extracting(Throwable::getMessage).asString().contains("interrupted while waiting for lock");
            assertThat(flagAfterwards).hasValue(1);
            assertThat(held.isHeld()).isTrue();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Starts {@code threads} threads together, runs {@code task(i)} on each, rethrows the first failure. */
    private static void runConcurrently(int threads, IntConsumer task) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    task.accept(index);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "locker-test-" + i);
            thread.start();
            started.add(thread);
        }
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (Thread thread : started) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertThat(thread.isAlive()).as("%s finished within the deadline", thread.getName()).isFalse();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " of " + threads + " threads failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    /** Polls {@code condition} until it holds; fails after {@link Poll#DEFAULT_BOUND}. */
    private static void pollUntil(BooleanSupplier condition) {
        Poll.await("the condition", condition);
    }
}
