package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** After any flush every tier agrees with MySQL, even when contexts raced on one row. */
class CacheConsistencyTest extends OrmTestBase {

    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;

    private ProductEntity product() {
        Context ctx = context();
        CategoryEntity category = CategoryProvider.INSTANCE.newEntity(ctx);
        category.setCode("c" + System.nanoTime() % 1_000_000_000);
        category.setName("Consistency");
        ProductEntity p = PRODUCTS.newEntity(ctx);
        p.setName("Row");
        p.setCategory(category);
        p.setPrice(1);
        p.setStock(1);
        ctx.flush();
        return p;
    }

    @Test
    void twoContextsUpdatingDifferentFieldsLeaveCacheEqualToDatabase() throws Exception {
        ProductEntity p = product();
        Context a = context();
        Context b = context();
        ProductEntity inA = PRODUCTS.mustGetById(a, p.getId());
        ProductEntity inB = PRODUCTS.mustGetById(b, p.getId());
        inA.setPrice(99);
        inB.setStock(42);
        a.flush();
        b.flush(); // B still holds the old price in memory; it must not write it to the cache
        ProductEntity cached = PRODUCTS.mustGetById(freshContext(), p.getId());
        assertThat(cached.getPrice()).isEqualTo(99.0);
        assertThat(cached.getStock()).isEqualTo(42);
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT `Price`, `Stock` FROM `products` WHERE `ID` = " + p.getId())) {
            rs.next();
            assertThat(rs.getDouble(1)).isEqualTo(99.0);
            assertThat(rs.getLong(2)).isEqualTo(42);
        }
    }

    @Test
    void aNewContextReadsTheNewValuesAfterFlush() {
        ProductEntity p = product();
        PRODUCTS.mustGetById(freshContext(), p.getId()); // cached
        Context ctx = context();
        PRODUCTS.mustGetById(ctx, p.getId()).setName("Renamed");
        ctx.flush();
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getName()).isEqualTo("Renamed");
        CategoryEntity localCached = CategoryProvider.INSTANCE.mustGetById(freshContext(), p.getCategoryId());
        Context rename = context();
        CategoryProvider.INSTANCE.mustGetById(rename, localCached.getId()).setName("Renamed category");
        rename.flush();
        assertThat(CategoryProvider.INSTANCE.mustGetById(freshContext(), localCached.getId()).getName())
                .as("local cache entry was dropped after the update").isEqualTo("Renamed category");
    }

    /** The row string at {@code key} as Latin-1 text (its header is ASCII), or "" when absent. */
    private String cachedRow(String key) {
        byte[] value = runtime.redisConnection().sync().get(key);
        return value == null ? "" : new String(value, StandardCharsets.ISO_8859_1);
    }

    /** Waits (at most 5 s) until the row string at {@code key} starts with {@code head}. */
    private String awaitRow(String key, String head) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String row;
        while (!(row = cachedRow(key)).startsWith(head)) {
            assertThat(System.nanoTime()).as("cache fill of " + key + " within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return row;
    }

    @Test
    void aFlushLeavesATombstoneThatTheNextReadReplacesWithTheWholeRow() {
        ProductEntity p = product();
        String key = PRODUCTS.redisKey(p.getId());
        PRODUCTS.mustGetById(freshContext(), p.getId());
        awaitRow(key, "R"); // the read's fill is sent in the background
        Context ctx = context();
        PRODUCTS.mustGetById(ctx, p.getId()).setStock(7);
        ctx.flush();
        // the row is invalidated, not patched: only its generation is left
        String tombstone = cachedRow(key);
        assertThat(tombstone).matches("T[1-9][0-9]*::");
        String generation = tombstone.substring(1, tombstone.length() - 2);
        ProductEntity read = PRODUCTS.mustGetById(freshContext(), p.getId());
        assertThat(read.getStock()).isEqualTo(7);
        assertThat(read.getName()).isEqualTo("Row");
        // the read refills the whole row (keeping the generation) in the background
        String row = awaitRow(key, "R" + generation + "::");
        assertThat(row.length()).as("the row's values follow the header").isGreaterThan(generation.length() + 3);
        assertThat(runtime.redisConnection().sync().type(key)).isEqualTo("string");
    }

    /** A row key holding bytes this layout did not write is an error naming the entity, the key and the fix. */
    @Test
    void aForeignValueUnderARowKeyIsAClearError() {
        ProductEntity p = product();
        String key = PRODUCTS.redisKey(p.getId());
        var sync = runtime.redisConnection().sync();
        sync.set(key, "hello".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> PRODUCTS.getById(freshContext(), p.getId()))
                .isInstanceOf(FluxaException.class)
                .hasMessageContaining("Product id " + p.getId())
                .hasMessageContaining("'" + key + "'")
                .hasMessageContaining("not a row string")
                .hasMessageContaining("delete that key");
        sync.set(key, new byte[] {'R', ':', ':', (byte) 0xA3, 'a'}); // a string of 3 bytes cut after one
        assertThatThrownBy(() -> PRODUCTS.getById(freshContext(), p.getId()))
                .isInstanceOf(FluxaException.class)
                .hasMessageContaining("column 1 is cut short")
                .hasMessageContaining("'" + key + "'");
        sync.del(key);
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getName()).isEqualTo("Row");
    }

    @Test
    void cachedRowsAreKeyedWithTheSchemaStamp() {
        ProductEntity p = product();
        PRODUCTS.mustGetById(freshContext(), p.getId());
        String stamp = PRODUCTS.schema().stamp();
        assertThat(stamp).isNotBlank();
        String key = PRODUCTS.redisKey(p.getId());
        assertThat(key).isEqualTo("products:" + stamp + ".4:" + p.getId()); // schema stamp, then the key layout version
        assertThat(runtime.redisConnection().sync().exists(key)).isEqualTo(1);
        // bytes written under another layout's stamp are never read
        runtime.redisConnection().sync().hset("products:oldstamp:" + p.getId(), "1", new byte[] {1});
        runtime.redisConnection().sync().del(key);
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getName()).isEqualTo("Row");
    }
}
