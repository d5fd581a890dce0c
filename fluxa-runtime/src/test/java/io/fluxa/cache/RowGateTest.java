package io.fluxa.cache;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which rows the gate lets into a local cache, and the invalidation message format. */
class RowGateTest {

    @Test
    void aReadThatStartedBeforeAChangeDoesNotStoreWhatItLoaded() {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        long token = cache.fillToken();
        cache.changing(); // a flush (or another node) changed rows while the read was loading
        cache.fill("row", "old", token);
        assertThat(cache.get("row")).isNull();

        long fresh = cache.fillToken();
        cache.fill("row", "new", fresh);
        assertThat(cache.get("row")).isEqualTo("new");
    }

    @Test
    void aClosedGateStoresNothingAndTokensTakenBeforeItClosedStayRefusedAfterItReopens() {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0, Map.of("t", 10L));
        RowGate gate = new RowGate(); // starts closed, like the channel's before its subscription is confirmed
        cache.guard(gate);
        CaffeineLocalCache entityCache = (CaffeineLocalCache) cache.forEntity("t");
        assertThat(cache.fillToken()).isEqualTo(RowGate.CLOSED);
        cache.fill("a", "row", cache.fillToken());
        entityCache.fill("b", "row", entityCache.fillToken());
        assertThat(cache.get("a")).isNull();
        assertThat(entityCache.get("b")).isNull();

        assertThat(gate.open()).isTrue();
        long beforeLoss = cache.fillToken();
        assertThat(gate.close()).isTrue();
        assertThat(gate.open()).isTrue();
        cache.fill("a", "loaded before the loss", beforeLoss);
        assertThat(cache.get("a")).as("a read that overlapped the loss may hold a missed change").isNull();
        entityCache.fill("b", "row", entityCache.fillToken());
        assertThat(entityCache.get("b")).isEqualTo("row");
    }

    @Test
    void removingKeysKeepsOtherEntries() {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0, Map.of("t", 10L));
        cache.set("keep", 1);
        cache.set("drop", 2);
        cache.forEntity("t").set("drop-too", 3);
        cache.removeKeys(k -> k.toString().startsWith("drop"));
        assertThat(cache.get("keep")).isEqualTo(1);
        assertThat(cache.get("drop")).isNull();
        assertThat(cache.forEntity("t").get("drop-too")).isNull();
    }

    @Test
    void oneMessageCarriesEveryTableAndItsSenderIsRecognisedWithoutDecoding() {
        byte[] message = Invalidations.encode("node1", Map.of("categories", List.of(1L, 2L, 30L)), false);
        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("node1\ncategories\t1,2,30\n");
        assertThat(Invalidations.decode(message)).isEqualTo(Map.of("categories", Set.of(1L, 2L, 30L)));
        assertThat(Invalidations.sentBy(message, "node1".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Invalidations.sentBy(message, "node".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Invalidations.sentBy(message, "node2".getBytes(StandardCharsets.UTF_8))).isFalse();

        byte[] everything = Invalidations.encode("node1", Map.of(), true);
        assertThat(Invalidations.decode(everything)).isNull();
        assertThatThrownBy(() -> Invalidations.decode("junk".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
