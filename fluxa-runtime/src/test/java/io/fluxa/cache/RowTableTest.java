package io.fluxa.cache;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The context cache's id table agrees with a HashMap over a long run of puts and removes. */
class RowTableTest {

    @Test
    void behavesLikeAMapThroughGrowthAndRemovals() {
        RowTable table = new RowTable();
        Map<Long, Object> expected = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            long id = 1 + random.nextInt(2_000) * (random.nextBoolean() ? 1L : 1_000_003L);
            if (random.nextInt(3) == 0) {
                table.remove(id);
                expected.remove(id);
            } else {
                Object value = "v" + step;
                table.put(id, value, step);
                expected.put(id, value);
            }
            if (step % 1_000 == 0) {
                for (long probe = 1; probe <= 2_000; probe++) {
                    int slot = table.find(probe);
                    assertThat(slot < 0 ? null : table.value(slot)).as("id %d", probe).isEqualTo(expected.get(probe));
                }
            }
        }
        for (Map.Entry<Long, Object> entry : expected.entrySet()) {
            assertThat(table.value(table.find(entry.getKey()))).isEqualTo(entry.getValue());
        }
    }

    @Test
    void makingRoomAheadKeepsEveryEntry() {
        RowTable table = new RowTable();
        for (long id = 1; id <= 10; id++) {
            table.put(id, "old" + id, id);
        }
        table.expect(10_000);
        for (long id = 5; id <= 10_004; id++) {
            table.put(id, "new" + id, id);
        }
        for (long id = 1; id <= 10_004; id++) {
            assertThat(table.value(table.find(id))).as("id %d", id).isEqualTo(id < 5 ? "old" + id : "new" + id);
        }
        assertThat(table.find(10_005)).isNegative();
    }
}
