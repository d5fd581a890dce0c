package io.fluxa.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local cache pools: get/set/remove/clear and the usage counters. */
class CaffeineLocalCacheTest {

    @Test
    void getSetRemove() {
        CaffeineLocalCache cache = new CaffeineLocalCache("default", 100);
        assertThat(cache.code()).isEqualTo("default");
        assertThat(cache.limit()).isEqualTo(100);
        assertThat(cache.get("a")).isNull();
        cache.set("a", 1);
        cache.set(42L, "answer");
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.get(42L)).isEqualTo("answer");
        cache.set("a", 2);
        assertThat(cache.get("a")).isEqualTo(2);
        cache.remove("a");
        cache.remove("never there");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.usage()).isEqualTo(new LocalCacheUsage("default", 1, 100, 0));
    }

    @Test
    void aLimitedCacheEvictsDownToItsLimitAndCountsEvictions() {
        CaffeineLocalCache cache = new CaffeineLocalCache("small", 10);
        for (int i = 0; i < 25; i++) {
            cache.set(i, "v" + i);
        }
        LocalCacheUsage usage = cache.usage();
        assertThat(usage.pool()).isEqualTo("small");
        assertThat(usage.limit()).isEqualTo(10);
        assertThat(usage.used()).isEqualTo(10);
        assertThat(usage.evictions()).isEqualTo(15);
    }

    @Test
    void zeroMeansUnlimited() {
        CaffeineLocalCache cache = new CaffeineLocalCache("big", 0);
        for (int i = 0; i < 5_000; i++) {
            cache.set(i, i);
        }
        assertThat(cache.usage()).isEqualTo(new LocalCacheUsage("big", 5_000, 0, 0));
        assertThat(cache.get(4_999)).isEqualTo(4_999);
    }

    @Test
    void clearEmptiesTheCacheButKeepsTheEvictionCount() {
        CaffeineLocalCache cache = new CaffeineLocalCache("small", 2);
        cache.set("a", 1);
        cache.set("b", 2);
        cache.set("c", 3);
        long evicted = cache.usage().evictions();
        assertThat(evicted).isEqualTo(1);
        cache.clear();
        assertThat(cache.usage()).isEqualTo(new LocalCacheUsage("small", 0, 2, evicted));
        assertThat(cache.get("c")).isNull();
    }

    @Test
    void aNegativeLimitIsRejected() {
        assertThatThrownBy(() -> new CaffeineLocalCache("x", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("local cache 'x': limit must be >= 0 (0 = unlimited)");
    }

    @Test
    void anEntityWithASizeOfItsOwnIsEvictedOnlyWithinItsOwnCache() {
        CaffeineLocalCache pool = new CaffeineLocalCache("default", 0, java.util.Map.of("hot", 3L));
        LocalCache hot = pool.forEntity("hot");
        assertThat(hot).isNotSameAs(pool);
        assertThat(hot.code()).isEqualTo("default:hot");
        assertThat(pool.forEntity("other")).isSameAs(pool);
        assertThat(pool.entityCaches()).containsExactly(hot);
        for (int i = 0; i < 10; i++) {
            hot.set(i, "hot" + i);
            pool.set(i, "shared" + i);
        }
        assertThat(hot.usage()).isEqualTo(new LocalCacheUsage("default:hot", 3, 3, 7));
        assertThat(pool.usage()).isEqualTo(new LocalCacheUsage("default", 10, 0, 0));
        assertThat(pool.get(9)).isEqualTo("shared9");
        // Caffeine chooses which entries to keep (W-TinyLFU); whatever it kept is the hot entity's own
        assertThat(java.util.stream.IntStream.range(0, 10).mapToObj(hot::get).filter(java.util.Objects::nonNull))
                .hasSize(3).allSatisfy(value -> assertThat((String) value).startsWith("hot"));
        pool.clear();
        assertThat(hot.usage().used()).isZero();
        assertThat(pool.usage().used()).isZero();
    }

    @Test
    void anEntitySizeMustBePositive() {
        assertThatThrownBy(() -> new CaffeineLocalCache("default", 0, java.util.Map.of("hot", 0L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("local cache 'default': the size of entity table 'hot' must be above 0; leave it out to "
                        + "share the pool's cache");
    }
}
