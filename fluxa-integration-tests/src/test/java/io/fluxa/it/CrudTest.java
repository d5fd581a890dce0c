package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.EntityNotFoundException;
import io.fluxa.FluxaException;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrudTest extends OrmTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;

    private CategoryEntity category(Context ctx, String code) {
        CategoryEntity c = CATEGORIES.newEntity(ctx);
        c.setCode(code);
        c.setName("Category " + code);
        return c;
    }

    @Test
    void insertReadUpdateDelete() {
        Context ctx = context();
        CategoryEntity category = category(ctx, "crud");
        ProductEntity product = PRODUCTS.newEntity(ctx);
        product.setName("Shoe");
        product.setCategory(category);
        product.setPrice(12.5);
        assertThat(product.isNew()).isTrue();
        assertThat(product.isDirty()).isTrue();
        assertThat(ctx.pendingChanges()).isEqualTo(2);
        ctx.flush();
        assertThat(product.isNew()).isFalse();
        assertThat(product.isDirty()).isFalse();
        assertThat(ctx.pendingChanges()).isZero();

        ProductEntity read = PRODUCTS.mustGetById(freshContext(), product.getId());
        assertThat(read.getName()).isEqualTo("Shoe");
        assertThat(read.getPrice()).isEqualTo(12.5);
        assertThat(read.mustGetCategory().getName()).isEqualTo("Category crud");

        Context update = context();
        ProductEntity toChange = PRODUCTS.mustGetById(update, product.getId());
        toChange.setPrice(20);
        assertThat(toChange.isDirty()).isTrue();
        update.flush();
        assertThat(PRODUCTS.mustGetById(freshContext(), product.getId()).getPrice()).isEqualTo(20.0);

        Context delete = context();
        PRODUCTS.mustGetById(delete, product.getId()).delete();
        delete.flush();
        assertThat(PRODUCTS.getById(freshContext(), product.getId())).isEmpty();
        assertThat(PRODUCTS.getById(delete, product.getId())).isEmpty();
    }

    @Test
    void newEntityWithChosenId() {
        Context ctx = context();
        CategoryEntity c = CATEGORIES.newEntity(ctx, 900_000);
        c.setCode("chosen");
        c.setName("Chosen");
        ctx.flush();
        assertThat(CATEGORIES.mustGetById(freshContext(), 900_000).getCode()).isEqualTo("chosen");
    }

    @Test
    void mustGetByIdThrowsForMissingRows() {
        assertThatThrownBy(() -> CATEGORIES.mustGetById(context(), 123_456_789))
                .isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("Category")
                .hasMessageContaining("123456789");
    }

    @Test
    void getByIdsKeepsInputOrderSkipsMissingAndCollapsesDuplicates() {
        Context ctx = context();
        CategoryEntity a = category(ctx, "ids-a");
        CategoryEntity b = category(ctx, "ids-b");
        CategoryEntity c = category(ctx, "ids-c");
        ctx.flush();
        List<CategoryEntity> found = CATEGORIES.getByIds(freshContext(), c.getId(), 777_777, a.getId(), c.getId(),
                b.getId());
        assertThat(found).extracting(CategoryEntity::getCode).containsExactly("ids-c", "ids-a", "ids-b");
        assertThat(CATEGORIES.getByIds(context(), List.of())).isEmpty();
    }

    @Test
    void notFoundIsRememberedInEveryTier() {
        long missing = 555_555;
        Context first = freshContext();
        QueryCounter firstCount = count(first);
        assertThat(CATEGORIES.getById(first, missing)).isEmpty();
        assertThat(firstCount.mysql()).isEqualTo(1);

        Context second = freshContext();
        QueryCounter secondCount = count(second);
        assertThat(CATEGORIES.getById(second, missing)).isEmpty();
        assertThat(secondCount.mysql()).as("local cache remembers the miss").isZero();
        assertThat(secondCount.redis()).isZero();

        runtime.local().clear();
        Context third = freshContext();
        QueryCounter thirdCount = count(third);
        assertThat(CATEGORIES.getById(third, missing)).isEmpty();
        assertThat(thirdCount.mysql()).as("Redis remembers the miss").isZero();
        assertThat(thirdCount.redis()).isEqualTo(1);

        // an entity without caches remembers it in the context cache
        Context ctx = context();
        QueryCounter noteCount = count(ctx);
        assertThat(NoteProvider.INSTANCE.getById(ctx, missing)).isEmpty();
        assertThat(NoteProvider.INSTANCE.getById(ctx, missing)).isEmpty();
        assertThat(noteCount.mysql()).isEqualTo(1);
    }

    @Test
    void contextCacheReturnsTheSameInstance() {
        Context ctx = context();
        CategoryEntity c = category(ctx, "same");
        ctx.flush();
        Context reader = context();
        QueryCounter counter = count(reader);
        CategoryEntity first = CATEGORIES.mustGetById(reader, c.getId());
        long queries = counter.mysql() + counter.redis();
        assertThat(CATEGORIES.mustGetById(reader, c.getId())).isSameAs(first);
        assertThat(counter.mysql() + counter.redis()).isEqualTo(queries);
    }

    @Test
    void settingTheSameValueIsANoOp() {
        Context ctx = context();
        CategoryEntity c = category(ctx, "noop");
        ctx.flush();
        Context other = context();
        CategoryEntity loaded = CATEGORIES.mustGetById(other, c.getId());
        loaded.setName("Category noop");
        assertThat(loaded.isDirty()).isFalse();
        assertThat(other.pendingChanges()).isZero();
        loaded.setName("Changed");
        assertThat(other.pendingChanges()).isEqualTo(1);
    }

    @Test
    void clearFlushDiscardsPendingChanges() {
        Context ctx = context();
        category(ctx, "cleared");
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        ctx.clearFlush();
        assertThat(ctx.pendingChanges()).isZero();
        ctx.flush();
        assertThat(CATEGORIES.search(freshContext(), io.fluxa.Where.of("`Code` = ?", "cleared"), null)).isEmpty();
    }

    @Test
    void entityWithoutAnyCacheWorksThroughMySql() {
        Context ctx = context();
        NoteEntity note = NoteProvider.INSTANCE.newEntity(ctx);
        note.setText("plain");
        ctx.flush();
        Context reader = freshContext();
        QueryCounter counter = count(reader);
        assertThat(NoteProvider.INSTANCE.mustGetById(reader, note.getId()).getText()).isEqualTo("plain");
        assertThat(counter.mysql()).isEqualTo(1);
        assertThat(counter.redis()).isZero();
    }

    @Test
    void newEntityDeletedBeforeFlushIsNeverWritten() {
        Context ctx = context();
        CategoryEntity c = category(ctx, "ghost");
        c.delete();
        ctx.flush();
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "ghost")).isEmpty();
    }
}
