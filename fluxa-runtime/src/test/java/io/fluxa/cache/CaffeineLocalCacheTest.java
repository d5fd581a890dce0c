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
}
