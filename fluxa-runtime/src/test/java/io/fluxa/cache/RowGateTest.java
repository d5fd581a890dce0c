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
    void aReadThatStartedBeforeAnInvalidationFromAnotherNodeDoesNotStoreWhatItLoaded() {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        long generation = RowGenerations.current("rowgate_t1", 7);
        LocalRows.remove(cache, "rowgate_t1", 7); // another node changed the row while the read was loading
        LocalRows.fill(cache, "rowgate_t1", 7, "old", generation);
        assertThat(LocalRows.get(cache, "rowgate_t1", 7)).isNull();

        LocalRows.fill(cache, "rowgate_t1", 7, "new", RowGenerations.current("rowgate_t1", 7));
        assertThat(LocalRows.get(cache, "rowgate_t1", 7)).isEqualTo("new");
    }

    @Test
    void aClosedGateStoresNothingAndReadsThatOverlappedALossStayRefusedAfterItReopens() {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0, Map.of("rowgate_t2", 10L));
        RowGate gate = new RowGate(); // starts closed, like the channel's before its subscription is confirmed
        cache.guard(gate);
        CaffeineLocalCache entityCache = (CaffeineLocalCache) cache.forEntity("rowgate_t2");
        LocalRows.fill(entityCache, "rowgate_t2", 1, "row", RowGenerations.current("rowgate_t2", 1));
        assertThat(LocalRows.get(entityCache, "rowgate_t2", 1)).isNull();

        assertThat(gate.open()).isTrue();
        long beforeLoss = RowGenerations.current("rowgate_t2", 1);
        assertThat(gate.close()).isTrue();
        LocalRows.clearRows(cache); // what the channel does when it closes the gate
        assertThat(gate.open()).isTrue();
        LocalRows.fill(entityCache, "rowgate_t2", 1, "loaded before the loss", beforeLoss);
        assertThat(LocalRows.get(entityCache, "rowgate_t2", 1)).as("a read that overlapped the loss may hold a missed change")
                .isNull();
        LocalRows.fill(entityCache, "rowgate_t2", 1, "row", RowGenerations.current("rowgate_t2", 1));
        assertThat(LocalRows.get(entityCache, "rowgate_t2", 1)).isEqualTo("row");
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
