package io.fluxa.redis;

import io.fluxa.cache.CaffeineLocalCache;
import io.fluxa.cache.LocalCache;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code getOrLoad} on a real Redis (the Redis database this test JVM leased) and on a local cache: hits, misses, TTL, nulls, single flight. */
class CacheAsideTest extends LeasedRedisTest {

    @Test
    void aMissLoadsStoresWithTheTtlAndLaterCallsHit() {
        AtomicInteger loads = new AtomicInteger();
        String first = redis.getOrLoad("user:1:name", Duration.ofMinutes(5), String.class, () -> {
            loads.incrementAndGet();
            return "Ann";
        });
        String second = redis.getOrLoad("user:1:name", Duration.ofMinutes(5), String.class, () -> {
            loads.incrementAndGet();
            return "never";
        });
        assertThat(first).isEqualTo("Ann");
        assertThat(second).isEqualTo("Ann");
        assertThat(loads).hasValue(1);
        assertThat(redis.ttl("user:1:name").orElseThrow()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void valuesRoundTripAsMessagePack() {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", "Ann");
        profile.put("age", 42L);
        profile.put("tags", List.of("a", "b"));
        profile.put("score", 1.5);
        profile.put("photo", new byte[] {1, 2});
        profile.put("nothing", null);
        Duration ttl = Duration.ofMinutes(1);
        assertThat(redis.getOrLoad("p", ttl, Map.class, () -> profile)).isEqualTo(profile);
        @SuppressWarnings("unchecked")
        Map<String, Object> cached = redis.getOrLoad("p", ttl, Map.class, Map::of);
        assertThat(cached).containsEntry("age", 42L).containsEntry("tags", List.of("a", "b"))
                .containsEntry("nothing", null);
        assertThat((byte[]) cached.get("photo")).containsExactly(1, 2);

        redis.getOrLoad("i", ttl, Integer.class, () -> 7);
        assertThat(redis.getOrLoad("i", ttl, Integer.class, () -> 0)).isEqualTo(7);
        redis.getOrLoad("d", ttl, BigDecimal.class, () -> new BigDecimal("12345678901234567890.12"));
        assertThat(redis.getOrLoad("d", ttl, BigDecimal.class, () -> BigDecimal.ZERO))
                .isEqualTo(new BigDecimal("12345678901234567890.12"));
        redis.getOrLoad("b", ttl, Boolean.class, () -> true);
        assertThat(redis.getOrLoad("b", ttl, Object.class, () -> false)).isEqualTo(true);
    }

    @Test
    void nullIsStoredOnlyOnRequest() {
        AtomicInteger loads = new AtomicInteger();
        Duration ttl = Duration.ofMinutes(1);
        assertThat(redis.getOrLoad("gone", ttl, String.class, () -> { loads.incrementAndGet(); return null; }))
                .isNull();
        assertThat(redis.exists("gone")).isZero();
        assertThat(redis.getOrLoad("gone", ttl, String.class, true, () -> { loads.incrementAndGet(); return null; }))
                .isNull();
        assertThat(redis.exists("gone")).isOne();
        assertThat(redis.getOrLoad("gone", ttl, String.class, true, () -> { loads.incrementAndGet(); return "x"; }))
                .as("a stored null is a hit").isNull();
        assertThat(loads).hasValue(2);
    }

    @Test
    void aValueOfAnotherTypeIsReplacedAndUnsupportedTypesAreRefused() {
        redis.set("k", "not msgpack for a long");
        assertThat(redis.getOrLoad("k", Duration.ofMinutes(1), Long.class, () -> 5L)).isEqualTo(5L);
        assertThat(redis.getOrLoad("k", Duration.ofMinutes(1), Long.class, () -> 6L)).isEqualTo(5L);
        assertThatThrownBy(() -> redis.getOrLoad("k", Duration.ofMinutes(1), Thread.class, Thread::currentThread))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot store a java.lang.Thread");
        assertThatThrownBy(() -> redis.getOrLoad("o", Duration.ofMinutes(1), Object.class, Object::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot store a java.lang.Object");
        assertThatThrownBy(() -> redis.getOrLoad("k", Duration.ZERO, Long.class, () -> 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentMissesOnOneRedisKeyCallTheLoaderOnce() throws Exception {
        assertLoadedOnce(loader -> redis.getOrLoad("hot", Duration.ofMinutes(1), String.class, loader));
        assertThat(redis.get("hot")).isPresent();
    }

    @Test
    void localCachesOfferTheSameHelper() throws Exception {
        LocalCache local = new CaffeineLocalCache("local", 100);
        AtomicInteger loads = new AtomicInteger();
        assertThat(local.<String>getOrLoad("k", Duration.ofMinutes(1), () -> "v" + loads.incrementAndGet()))
                .isEqualTo("v1");
        assertThat(local.<String>getOrLoad("k", Duration.ofMinutes(1), () -> "v" + loads.incrementAndGet()))
                .isEqualTo("v1");
        assertThat(local.<String>getOrLoad("n", Duration.ofMinutes(1), () -> null)).isNull();
        assertThat(local.<String>getOrLoad("n", Duration.ofMinutes(1), true, () -> null)).isNull();
        assertThat(local.<String>getOrLoad("n", Duration.ofMinutes(1), true, () -> "late")).isNull();

        // an expired entry loads again: a 1 ms TTL, polled (bounded) until it has passed
        local.getOrLoad("short", Duration.ofMillis(1), () -> "old");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String now;
        do {
            now = local.getOrLoad("short", Duration.ofMillis(1), () -> "new");
        } while (!"new".equals(now) && System.nanoTime() < deadline);
        assertThat(now).isEqualTo("new");

        assertLoadedOnce(loader -> local.getOrLoad("hot", Duration.ofMinutes(1), loader));
    }

    @Test
    void aFailingLoaderFailsEveryWaiterAndStoresNothing() {
        assertThatThrownBy(() -> redis.getOrLoad("bad", Duration.ofMinutes(1), String.class, () -> {
            throw new IllegalStateException("database down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(redis.exists("bad")).isZero();
        assertThat(redis.getOrLoad("bad", Duration.ofMinutes(1), String.class, () -> "ok")).isEqualTo("ok");
    }

    interface Load {
        String call(java.util.function.Supplier<String> loader);
    }

    /** 16 threads miss on one key together, while the first loader is held; the loader runs once. */
    private static void assertLoadedOnce(Load load) throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(threads.submit(() -> load.call(() -> {
                    loads.incrementAndGet();
                    entered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "loaded";
                })));
            }
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
            }
            assertThat(loads).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
