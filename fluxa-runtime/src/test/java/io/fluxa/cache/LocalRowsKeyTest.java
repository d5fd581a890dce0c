package io.fluxa.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The local-cache keys of rows: packed where they fit, never equal to a key of the application's. */
class LocalRowsKeyTest {

    @Test
    void rowsOfSmallIdsArePackedAndTheApplicationsLongKeysNeverMeetThem() {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        Object rowKey = LocalRows.key(cache, "rowkey_t1", 5);
        assertThat(LocalRows.key(cache, "rowkey_t1", 5)).isEqualTo(rowKey).hasSameHashCodeAs(rowKey);
        assertThat(LocalRows.key(cache, "rowkey_t2", 5)).isNotEqualTo(rowKey);
        // an application's Long with the very bits of the packed key, and the same hash
        Long key = ((LocalRows.PackedKey) rowKey).packed();
        assertThat(key.hashCode()).isEqualTo(rowKey.hashCode());
        assertThat(key).isNotEqualTo(rowKey);
        assertThat(rowKey).isNotEqualTo(key);

        LocalRows.fill(cache, "rowkey_t1", 5, "row", RowGenerations.current("rowkey_t1", 5));
        cache.set(key, "the application's value"); // the same Long, used as an application key
        assertThat(cache.get(key)).isEqualTo("the application's value");
        assertThat(LocalRows.get(cache, "rowkey_t1", 5)).isEqualTo("row");

        cache.remove(key);
        assertThat(LocalRows.get(cache, "rowkey_t1", 5)).isEqualTo("row");
        LocalRows.clearRows(cache);
        assertThat(LocalRows.get(cache, "rowkey_t1", 5)).isNull();
        cache.set(key, "again");
        LocalRows.clearRows(cache);
        assertThat(cache.get(key)).as("dropping the rows keeps the application's entries").isEqualTo("again");
    }

    @Test
    void idsTooLargeToPackUseTheTableAndIdKeyOnEveryPath() {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        long big = (1L << 47) + 3;
        assertThat(LocalRows.key(cache, "rowkey_t3", big)).isEqualTo(LocalRows.key(cache, "rowkey_t3", big))
                .isNotEqualTo(LocalRows.key(cache, "rowkey_t3", 3));
        LocalRows.fill(cache, "rowkey_t3", big, "big row", RowGenerations.current("rowkey_t3", big));
        assertThat(LocalRows.get(cache, "rowkey_t3", big)).isEqualTo("big row");
        assertThat(LocalRows.get(cache, "rowkey_t3", 3)).isNull();
        LocalRows.remove(cache, "rowkey_t3", big);
        assertThat(LocalRows.get(cache, "rowkey_t3", big)).isNull();
    }
}
