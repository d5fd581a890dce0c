package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Pager;
import io.fluxa.Where;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Within one context an entity with pending changes is the answer for its id, whatever path reads
 * it and however old the context cache entry is (contexts here expire their cache after 1 ns, or
 * have it switched off, so nothing but the identity map can keep the instance).
 */
class IdentityMapTest extends OrmTestBase {

    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;
    private static final AtomicInteger CATEGORIES = new AtomicInteger();

    private ProductEntity savedProduct(String name) {
        Context ctx = context();
        CategoryEntity category = CategoryProvider.INSTANCE.newEntity(ctx);
        category.setCode("im-" + CATEGORIES.incrementAndGet() + "-" + System.nanoTime() % 1_000);
        category.setName("Identity");
        ProductEntity p = PRODUCTS.newEntity(ctx);
        p.setName(name);
        p.setCategory(category);
        p.setPrice(1);
        p.setStock(1);
        ctx.flush();
        return p;
    }

    private Context expiringContext() {
        Context ctx = context();
        ctx.setContextCacheTtl(Duration.ofNanos(1));
        return ctx;
    }

    @Test
    void getByIdReturnsTheChangedInstanceAfterTheContextCacheExpired() {
        ProductEntity saved = savedProduct("ttl");
        Context ctx = expiringContext();
        ProductEntity changed = PRODUCTS.mustGetById(ctx, saved.getId());
        changed.setPrice(42);

        ProductEntity again = PRODUCTS.mustGetById(ctx, saved.getId());
        assertThat(again).isSameAs(changed);
        assertThat(again.getPrice()).isEqualTo(42.0);
    }

    @Test
    void everyReadPathReturnsTheChangedInstance() {
        ProductEntity saved = savedProduct("paths-" + System.nanoTime());
        Context ctx = expiringContext();
        ProductEntity changed = PRODUCTS.mustGetById(ctx, saved.getId());
        changed.setStock(7);

        assertThat(PRODUCTS.getByIds(ctx, saved.getId())).singleElement().isSameAs(changed);
        List<ProductEntity> found = PRODUCTS.search(ctx, Where.of("`Name` = ?", saved.getName()), Pager.first(10));
        assertThat(found).singleElement().isSameAs(changed);
        assertThat(found.get(0).getStock()).isEqualTo(7);
        assertThat(PRODUCTS.searchOne(ctx, Where.of("`ID` = ?", saved.getId()))).containsSame(changed);
    }

    @Test
    void referenceLoadingReturnsTheChangedInstance() {
        ProductEntity saved = savedProduct("refs");
        Context ctx = expiringContext();
        CategoryEntity category = CategoryProvider.INSTANCE.mustGetById(ctx, saved.getCategoryId());
        category.setName("Renamed, not flushed");

        ProductEntity product = PRODUCTS.mustGetById(ctx, saved.getId());
        PRODUCTS.loadReferences(ctx, List.of(product), "category");
        assertThat(product.mustGetCategory()).isSameAs(category);
        assertThat(product.mustGetCategory().getName()).isEqualTo("Renamed, not flushed");
    }

    @Test
    void theIdentityMapHoldsWithTheContextCacheSwitchedOff() {
        ProductEntity saved = savedProduct("off");
        Context ctx = freshContext();
        ProductEntity changed = PRODUCTS.mustGetById(ctx, saved.getId());
        assertThat(PRODUCTS.mustGetById(ctx, saved.getId())).as("no context cache, no changes: a new read")
                .isNotSameAs(changed);
        changed.setPrice(5);
        assertThat(PRODUCTS.mustGetById(ctx, saved.getId())).isSameAs(changed);
    }

    @Test
    void aFlushedOrClearedEntityIsNoLongerPinned() {
        ProductEntity saved = savedProduct("released");
        Context ctx = freshContext();
        ProductEntity changed = PRODUCTS.mustGetById(ctx, saved.getId());
        changed.setPrice(8);
        ctx.flush();
        ProductEntity afterFlush = PRODUCTS.mustGetById(ctx, saved.getId());
        assertThat(afterFlush).isNotSameAs(changed);
        assertThat(afterFlush.getPrice()).isEqualTo(8.0);

        afterFlush.setPrice(9);
        ctx.clearFlush();
        ProductEntity afterClear = PRODUCTS.mustGetById(ctx, saved.getId());
        assertThat(afterClear).isNotSameAs(afterFlush);
        assertThat(afterClear.getPrice()).as("the cleared change was never written").isEqualTo(8.0);
    }
}
