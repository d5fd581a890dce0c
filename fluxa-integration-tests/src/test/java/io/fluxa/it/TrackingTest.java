package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a context tracks: each changed entity once, until a flush or {@code clearFlush()}; a setter that
 * stores the value the entity already has starts no tracking; after a flush the next change tracks
 * the entity again.
 */
class TrackingTest extends OrmTestBase {

    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;
    private static final AtomicInteger CATEGORIES = new AtomicInteger();

    private ProductEntity newProduct(Context ctx, String name) {
        CategoryEntity category = CategoryProvider.INSTANCE.newEntity(ctx);
        category.setCode("tr-" + CATEGORIES.incrementAndGet() + "-" + System.nanoTime() % 1_000);
        category.setName("Tracking");
        ProductEntity p = PRODUCTS.newEntity(ctx);
        p.setName(name);
        p.setCategory(category);
        p.setPrice(1);
        p.setStock(1);
        return p;
    }

    @Test
    void aNewEntityIsTrackedOnceAndAnEqualValueAfterClearFlushDoesNotTrackItAgain() {
        Context ctx = context();
        ProductEntity p = newProduct(ctx, "once");
        p.setStock(2);
        p.setStock(2);
        assertThat(ctx.pendingChanges()).isEqualTo(2); // the category and the product
        ctx.clearFlush();
        assertThat(ctx.pendingChanges()).isZero();

        p.setStock(2);
        assertThat(ctx.pendingChanges()).isZero();
        p.setStock(3);
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        p.setStock(3);
        assertThat(ctx.pendingChanges()).isEqualTo(1);
    }

    @Test
    void afterAFlushTheNextChangeTracksTheEntityAgain() {
        Context ctx = context();
        ProductEntity p = newProduct(ctx, "again-" + System.nanoTime());
        ctx.flush();
        assertThat(ctx.pendingChanges()).isZero();

        p.setStock(5);
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        p.setStock(1); // back to what MySQL holds: tracked, but nothing to write
        assertThat(p.isDirty()).isFalse();
        p.setStock(9);
        ctx.flush();
        assertThat(ctx.pendingChanges()).isZero();
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getStock()).isEqualTo(9);

        p.setStock(10);
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        ctx.flush();
        assertThat(PRODUCTS.mustGetById(freshContext(), p.getId()).getStock()).isEqualTo(10);
    }
}
