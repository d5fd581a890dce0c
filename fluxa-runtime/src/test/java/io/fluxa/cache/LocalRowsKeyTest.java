package io.fluxa.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The local-cache keys of rows: packed {@code Long}s where they fit, apart from the application's keys. */
class LocalRowsKeyTest {

    @Test
    void rowsOfSmallIdsArePackedAndTheApplicationsLongKeysNeverMeetThem() {
        CaffeineLocalCache cache = new CaffeineLocalCache("p", 0);
        Object key = LocalRows.key(cache, "rowkey_t1", 5);
        assertThat(key).isInstanceOf(Long.class);
        assertThat(LocalRows.key(cache, "rowkey_t1", 5)).isEqualTo(key);
        assertThat(LocalRows.key(cache, "rowkey_t2", 5)).isInstanceOf(Long.class).isNotEqualTo(key);

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
        assertThat(LocalRows.key(cache, "rowkey_t3", big)).isNotInstanceOf(Long.class)
                .isEqualTo(LocalRows.key(cache, "rowkey_t3", big));
        LocalRows.fill(cache, "rowkey_t3", big, "big row", RowGenerations.current("rowkey_t3", big));
        assertThat(LocalRows.get(cache, "rowkey_t3", big)).isEqualTo("big row");
        assertThat(LocalRows.get(cache, "rowkey_t3", 3)).isNull();
        LocalRows.remove(cache, "rowkey_t3", big);
        assertThat(LocalRows.get(cache, "rowkey_t3", big)).isNull();
    }
}
