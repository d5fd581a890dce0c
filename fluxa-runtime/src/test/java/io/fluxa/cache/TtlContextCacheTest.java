package io.fluxa.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-context cache, driven by a clock the test moves by hand. */
class TtlContextCacheTest {

    private long now = 1_000_000_000L;
    private final TtlContextCache cache = new TtlContextCache(() -> now);

    private void advance(Duration d) {
        now += d.toNanos();
    }

    @Test
    void startsEnabledWithAOneSecondTtl() {
        TtlContextCache fresh = new TtlContextCache();
        assertThat(fresh.enabled()).isTrue();
        assertThat(fresh.ttl()).isEqualTo(Duration.ofSeconds(1)).isEqualTo(TtlContextCache.DEFAULT_TTL);
    }

    @Test
    void anEntryLivesUntilExactlyItsTtl() {
        cache.put("User", 1, "row");
        advance(Duration.ofSeconds(1).minusNanos(1));
        assertThat(cache.get("User", 1)).isEqualTo("row");
        advance(Duration.ofNanos(1));
        assertThat(cache.get("User", 1)).as("expired at exactly the TTL").isNull();
        // an expired entry is gone for good, even if the clock were to go back
        now -= 10;
        assertThat(cache.get("User", 1)).isNull();
    }

    @Test
    void theTtlInForceWhenAnEntryIsPutDecidesItsExpiry() {
        cache.put("User", 1, "short");
        cache.setTtl(Duration.ofMinutes(5));
        cache.put("User", 2, "long");
        advance(Duration.ofSeconds(2));
        assertThat(cache.get("User", 1)).isNull();
        assertThat(cache.get("User", 2)).isEqualTo("long");
        assertThat(cache.ttl()).isEqualTo(Duration.ofMinutes(5));
        advance(Duration.ofMinutes(5));
        assertThat(cache.get("User", 2)).isNull();
    }

    @Test
    void puttingAgainRestartsTheTtl() {
        cache.put("User", 1, "v1");
        advance(Duration.ofMillis(900));
        cache.put("User", 1, "v2");
        advance(Duration.ofMillis(900));
        assertThat(cache.get("User", 1)).isEqualTo("v2");
    }

    @Test
    void namespacesAndIdsAreSeparate() {
        cache.put("User", 1, "user 1");
        cache.put("Order", 1, "order 1");
        cache.put("User", 2, "user 2");
        assertThat(cache.get("User", 1)).isEqualTo("user 1");
        assertThat(cache.get("Order", 1)).isEqualTo("order 1");
        assertThat(cache.get("Order", 2)).isNull();
        assertThat(cache.get("Product", 1)).isNull();
        cache.remove("User", 1);
        cache.remove("Product", 9);
        assertThat(cache.get("User", 1)).isNull();
        assertThat(cache.get("User", 2)).isEqualTo("user 2");
        cache.clear();
        assertThat(cache.get("User", 2)).isNull();
        assertThat(cache.get("Order", 1)).isNull();
        assertThat(cache.enabled()).as("clear keeps the cache on").isTrue();
    }

    @Test
    void theFirstEntryKeepsItsValueAndExpiryWhenMoreEntriesArrive() {
        cache.put("User", 7, "first"); // held inline until a second entry arrives
        advance(Duration.ofMillis(600));
        assertThat(cache.get("User", 7)).isEqualTo("first");
        assertThat(cache.get("User", 8)).isNull();
        assertThat(cache.get("Order", 7)).isNull();
        cache.put("Order", 7, "second");
        cache.put("User", 8, "third");
        assertThat(cache.get("User", 7)).isEqualTo("first");
        advance(Duration.ofMillis(400));
        assertThat(cache.get("User", 7)).as("expires 1 s after its own put").isNull();
        assertThat(cache.get("Order", 7)).isEqualTo("second");
        assertThat(cache.get("User", 8)).isEqualTo("third");
        cache.remove("Order", 7);
        assertThat(cache.get("Order", 7)).isNull();
        cache.clear();
        assertThat(cache.get("User", 8)).isNull();
        cache.put("User", 9, "after clear");
        assertThat(cache.get("User", 9)).isEqualTo("after clear");
    }

    @Test
    void expectingManyRowsKeepsTheInlineEntryAndItsExpiry() {
        cache.put("User", 7, "first");
        advance(Duration.ofMillis(600));
        cache.expect("Order", 1_000);
        for (long id = 1; id <= 1_000; id++) {
            cache.put("Order", id, "order" + id);
        }
        assertThat(cache.get("User", 7)).isEqualTo("first");
        assertThat(cache.get("Order", 1_000)).isEqualTo("order1000");
        advance(Duration.ofMillis(400));
        assertThat(cache.get("User", 7)).as("expires 1 s after its own put").isNull();
        assertThat(cache.get("Order", 1)).isEqualTo("order1");
    }

    @Test
    void theInlineEntryCanBeReplacedRemovedAndCleared() {
        cache.put("User", 1, "v1");
        cache.put("User", 1, "v2");
        assertThat(cache.get("User", 1)).isEqualTo("v2");
        cache.remove("User", 2);
        cache.remove("Order", 1);
        assertThat(cache.get("User", 1)).as("removing another id or namespace keeps it").isEqualTo("v2");
        cache.remove("User", 1);
        assertThat(cache.get("User", 1)).isNull();
        cache.put("User", 3, "v3");
        cache.clear();
        assertThat(cache.get("User", 3)).isNull();
        cache.put("User", 4, "v4");
        cache.disable();
        assertThat(cache.get("User", 4)).isNull();
    }

    @Test
    void notFoundMarkersAreCachedLikeRows() {
        cache.put("User", 404, ContextCache.NOT_FOUND);
        assertThat(cache.get("User", 404)).isSameAs(ContextCache.NOT_FOUND);
        assertThat(cache.get("User", 405)).as("unknown is null, not NOT_FOUND").isNull();
        assertThat(ContextCache.NOT_FOUND).hasToString("NOT_FOUND");
        advance(Duration.ofSeconds(1));
        assertThat(cache.get("User", 404)).isNull();
    }

    @Test
    void disablingForgetsEverythingAndIgnoresLaterPuts() {
        cache.put("User", 1, "row");
        cache.disable();
        assertThat(cache.enabled()).isFalse();
        assertThat(cache.get("User", 1)).isNull();
        cache.put("User", 2, "row");
        assertThat(cache.get("User", 2)).isNull();
    }

    @Test
    void theTtlMustBePositive() {
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofMillis(-1)}) {
            assertThatThrownBy(() -> cache.setTtl(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("context cache TTL must be positive, got " + bad);
        }
        assertThat(cache.ttl()).isEqualTo(TtlContextCache.DEFAULT_TTL);
        cache.setTtl(Duration.ofNanos(1));
        assertThat(cache.ttl()).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void withTheRealClocksAFreshEntryIsServedAndAnExpiredOneNever() {
        TtlContextCache real = new TtlContextCache();
        real.put("User", 1, "row");
        assertThat(real.get("User", 1)).as("stored a moment ago, TTL 1 s").isEqualTo("row");
        real.setTtl(Duration.ofNanos(1));
        real.put("User", 2, "short");
        // the stamp is never later than the put: once nanoTime moved on, the entry is gone
        long putAt = System.nanoTime();
        while (System.nanoTime() - putAt <= 1) {
            Thread.onSpinWait();
        }
        assertThat(real.get("User", 2)).isNull();
        assertThat(real.get("User", 1)).isEqualTo("row");
    }
}
