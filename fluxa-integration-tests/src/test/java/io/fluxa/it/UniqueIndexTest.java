package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.AccountEntity;
import io.fluxa.it.model.entities.AccountProvider;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** getByIndex…: cached indexes answer from Redis and stay correct on insert, update, delete, soft delete. */
class UniqueIndexTest extends OrmTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;

    private CategoryEntity insert(String code) {
        Context ctx = context();
        CategoryEntity c = CATEGORIES.newEntity(ctx);
        c.setCode(code);
        c.setName("Name " + code);
        ctx.flush();
        return c;
    }

    @Test
    void cachedIndexIsAnsweredFromRedisAfterInsert() {
        CategoryEntity c = insert("u-ins");
        CATEGORIES.mustGetById(freshContext(), c.getId()); // a flush invalidates the row: the first read caches it
        runtime.local().clear();
        Context ctx = freshContext();
        QueryCounter counter = count(ctx);
        assertThat(CATEGORIES.getByIndexCode(ctx, "u-ins")).map(CategoryEntity::getId).contains(c.getId());
        assertThat(counter.mysql()).isZero();
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "nope")).isEmpty();
        assertThat(CATEGORIES.getByIndexCode(freshContext(), null)).isEmpty();
    }

    @Test
    void cachedIndexIsFilledFromMySqlWhenRedisLostIt() {
        CategoryEntity c = insert("u-lost");
        runtime.redisConnection().sync().del(CATEGORIES.redisIndexKey("Code"));
        Context first = freshContext();
        QueryCounter firstCount = count(first);
        assertThat(CATEGORIES.getByIndexCode(first, "u-lost")).map(CategoryEntity::getId).contains(c.getId());
        assertThat(firstCount.mysql()).isEqualTo(1);
        CATEGORIES.mustGetById(freshContext(), c.getId()); // the row itself, invalidated by the insert
        Context second = freshContext();
        QueryCounter secondCount = count(second);
        assertThat(CATEGORIES.getByIndexCode(second, "u-lost")).isPresent();
        assertThat(secondCount.mysql()).isZero();
    }

    @Test
    void updatingTheIndexedColumnMovesTheEntry() {
        CategoryEntity c = insert("u-old");
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "u-old")).isPresent();
        Context ctx = context();
        CATEGORIES.mustGetById(ctx, c.getId()).setCode("u-new");
        ctx.flush();
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "u-old")).isEmpty();
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "u-new")).map(CategoryEntity::getId).contains(c.getId());
        // the old value can be used by another row now
        CategoryEntity reuse = insert("u-old");
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "u-old")).map(CategoryEntity::getId)
                .contains(reuse.getId());
    }

    @Test
    void deleteRemovesTheEntry() {
        CategoryEntity c = insert("u-del");
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "u-del")).isPresent();
        Context ctx = context();
        CATEGORIES.mustGetById(ctx, c.getId()).delete();
        ctx.flush();
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "u-del")).isEmpty();
    }

    @Test
    void softDeletedRowsAreNotFoundByIndex() {
        Context ctx = context();
        AccountEntity a = AccountProvider.INSTANCE.newEntity(ctx);
        a.setEmail("soft@example.com");
        ctx.flush();
        assertThat(AccountProvider.INSTANCE.getByIndexEmail(freshContext(), "soft@example.com")).isPresent();
        Context deleting = context();
        AccountProvider.INSTANCE.mustGetById(deleting, a.getId()).delete();
        deleting.flush();
        assertThat(AccountProvider.INSTANCE.getByIndexEmail(freshContext(), "soft@example.com")).isEmpty();
        runtime.redisConnection().sync().del(AccountProvider.INSTANCE.redisIndexKey("Email"));
        assertThat(AccountProvider.INSTANCE.getByIndexEmail(freshContext(), "soft@example.com"))
                .as("MySQL lookup skips soft-deleted rows too").isEmpty();
    }

    @Test
    void staleRedisEntryIsNeverTrusted() {
        CategoryEntity c = insert("u-stale");
        // simulate an index entry pointing at a row that no longer holds the value
        runtime.redisConnection().sync().hset(CATEGORIES.redisIndexKey("Code"), "u-ghost",
                Long.toString(c.getId()).getBytes());
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "u-ghost")).isEmpty();
    }

    @Test
    void uncachedCompositeIndexUsesMySql() {
        CategoryEntity c = insert("u-comp");
        Context ctx = context();
        ProductEntity p = ProductProvider.INSTANCE.newEntity(ctx);
        p.setName("Lamp");
        p.setCategory(c);
        ctx.flush();
        Context reader = freshContext();
        QueryCounter counter = count(reader);
        assertThat(ProductProvider.INSTANCE.getByIndexNameInCategory(reader, "Lamp", c.getId()))
                .map(ProductEntity::getId).contains(p.getId());
        assertThat(counter.mysql()).isEqualTo(1);
        assertThat(counter.redis()).isZero();
        assertThat(ProductProvider.INSTANCE.getByIndexNameInCategory(reader, "Lamp", 0)).isEmpty();
    }
}
