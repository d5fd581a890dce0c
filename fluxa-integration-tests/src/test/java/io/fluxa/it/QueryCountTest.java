package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Batched reads and writes cost a constant number of round-trips, measured with a query logger. */
class QueryCountTest extends OrmTestBase {

    private final List<Long> productIds = new ArrayList<>();

    @BeforeAll
    void hundredProductsInTenCategoriesWithParents() {
        Context ctx = context();
        List<CategoryEntity> parents = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            CategoryEntity parent = CategoryProvider.INSTANCE.newEntity(ctx);
            parent.setCode("parent" + p);
            parent.setName("Parent " + p);
            parents.add(parent);
        }
        List<CategoryEntity> categories = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            CategoryEntity category = CategoryProvider.INSTANCE.newEntity(ctx);
            category.setCode("cat" + c);
            category.setName("Category " + c);
            category.setParent(parents.get(c % 3));
            categories.add(category);
        }
        List<ProductEntity> products = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ProductEntity product = ProductProvider.INSTANCE.newEntity(ctx);
            product.setName("Product " + i);
            product.setCategory(categories.get(i % 10));
            products.add(product);
        }
        QueryCounter flushCount = count(ctx);
        ctx.flush();
        for (ProductEntity product : products) {
            productIds.add(product.getId());
        }
        assertThat(flushCount.queries(QuerySource.MYSQL)).as("one batched INSERT per table, one commit")
                .filteredOn(q -> !q.contains("MAX(`ID`)")).hasSize(3);
        assertThat(flushCount.queries(QuerySource.REDIS)).as("one id range per table + one cache pipeline")
                .filteredOn(q -> !q.contains(":lock")).hasSize(3);
    }

    /** New rows of one table only: one multi-row INSERT in auto-commit, no transaction statements. */
    @Test
    void insertFlushOfHundredRowsOfOneTableIsOneStatement() {
        Context warm = context();
        NoteProvider.INSTANCE.newEntity(warm).setText("the id counter starts from MAX(ID) once");
        warm.flush();
        Context ctx = context();
        List<NoteEntity> notes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            NoteEntity note = NoteProvider.INSTANCE.newEntity(ctx);
            note.setText("note " + i);
            notes.add(note);
        }
        QueryCounter counter = count(ctx);
        ctx.flush();
        assertThat(counter.events(QuerySource.MYSQL)).singleElement().satisfies(insert -> {
            assertThat(insert.operation()).isEqualTo("INSERT");
            assertThat(insert.query()).isEqualTo("INSERT INTO `notes` (`ID`,`Text`) VALUES (?,?),… x100");
            assertThat(insert.error()).isNull();
        });
        assertThat(counter.queries(QuerySource.REDIS)).as("the id range").hasSize(1);
        List<NoteEntity> read = NoteProvider.INSTANCE.getByIds(freshContext(),
                notes.stream().map(NoteEntity::getId).toList());
        assertThat(read).extracting(NoteEntity::getText).containsExactlyElementsOf(
                notes.stream().map(NoteEntity::getText).toList());
    }

    /** Above the multi-row limit the rows go as one JDBC batch in a transaction. */
    @Test
    void insertFlushAboveTheMultiRowLimitIsABatchInATransaction() {
        Context ctx = context();
        for (int i = 0; i < 151; i++) {
            NoteProvider.INSTANCE.newEntity(ctx).setText("many " + i);
        }
        QueryCounter counter = count(ctx);
        ctx.flush();
        assertThat(counter.queries(QuerySource.MYSQL)).filteredOn(q -> !q.contains("MAX(`ID`)")).containsExactly(
                "INSERT INSERT INTO `notes` (`ID`,`Text`) VALUES (?,?) x151", "COMMIT COMMIT");
    }

    private void coldCaches() {
        runtime.local().clear();
        runtime.flushRedis();
    }

    @Test
    void getByIdsOfHundredCostsOneRedisReadAndOneInQuery() {
        coldCaches();
        Context cold = freshContext();
        QueryCounter counter = count(cold);
        List<ProductEntity> products = ProductProvider.INSTANCE.getByIds(cold, productIds);
        assertThat(products).hasSize(100);
        assertThat(counter.queries(QuerySource.MYSQL)).hasSize(1).first().asString().contains("IN (");
        assertThat(counter.queries(QuerySource.REDIS)).as("one awaited batched read, one asynchronous batched fill")
                .hasSize(2).satisfiesExactly(read -> assertThat(read).startsWith("GET"),
                        fill -> assertThat(fill).startsWith("FILL EVALSHA fill-row"));

        Context warm = freshContext();
        QueryCounter warmCounter = count(warm);
        assertThat(ProductProvider.INSTANCE.getByIds(warm, productIds)).hasSize(100);
        assertThat(warmCounter.mysql()).isZero();
        assertThat(warmCounter.redis()).isEqualTo(1);
    }

    @Test
    void getByIdOfARedisCachedRowReadsRedisOnceAndFillsItAfterAMiss() {
        long id = productIds.get(7);
        runtime.redisConnection().sync().del(ProductProvider.INSTANCE.redisKey(runtime.engine(), id));
        Context cold = freshContext();
        QueryCounter counter = count(cold);
        assertThat(ProductProvider.INSTANCE.mustGetById(cold, id).getName()).isEqualTo("Product 7");
        assertThat(counter.queries(QuerySource.MYSQL)).singleElement().asString().contains("WHERE");
        assertThat(counter.events(QuerySource.REDIS)).satisfiesExactly(
                read -> assertThat(read).extracting(QueryEvent::operation, QueryEvent::cacheMiss)
                        .containsExactly("GET", true),
                fill -> assertThat(fill.operation()).isEqualTo("FILL"));

        Context warm = freshContext();
        QueryCounter warmCounter = count(warm);
        assertThat(ProductProvider.INSTANCE.mustGetById(warm, id).getName()).isEqualTo("Product 7");
        assertThat(warmCounter.mysql()).as("answered by the row the first read filled").isZero();
        assertThat(warmCounter.events(QuerySource.REDIS)).singleElement().satisfies(read -> {
            assertThat(read.operation()).isEqualTo("GET");
            assertThat(read.query()).contains("products:").endsWith(":* x1");
            assertThat(read.cacheMiss()).isFalse();
        });
    }

    @Test
    void getByIdOfALocallyAndRedisCachedRowFillsBothTiersAfterAMiss() {
        Context ctx = context();
        CategoryEntity category = CategoryProvider.INSTANCE.newEntity(ctx);
        category.setCode("tiers");
        category.setName("Tiers");
        ctx.flush();
        long id = category.getId(); // the insert left the row in neither cache

        QueryCounter cold = new QueryCounter();
        Context coldContext = freshContextCounted(cold);
        assertThat(CategoryProvider.INSTANCE.mustGetById(coldContext, id).getCode()).isEqualTo("tiers");
        assertThat(cold.events(QuerySource.LOCAL_CACHE)).singleElement().extracting(QueryEvent::cacheMiss)
                .isEqualTo(true);
        assertThat(cold.events(QuerySource.REDIS)).extracting(QueryEvent::operation, QueryEvent::cacheMiss)
                .containsExactly(tuple("GET", true), tuple("FILL", false));
        assertThat(cold.mysql()).isEqualTo(1);

        QueryCounter warm = new QueryCounter();
        Context warmContext = freshContextCounted(warm);
        assertThat(CategoryProvider.INSTANCE.mustGetById(warmContext, id).getCode()).isEqualTo("tiers");
        assertThat(warm.events(QuerySource.LOCAL_CACHE)).singleElement().extracting(QueryEvent::cacheMiss)
                .as("the first read filled the local cache").isEqualTo(false);
        assertThat(warm.redis() + warm.mysql()).isZero();
    }

    private Context freshContextCounted(QueryCounter counter) {
        Context context = freshContext();
        context.registerQueryLogger(counter, true, true, true);
        return context;
    }

    @Test
    void loadReferencesIsBatchedPerLevel() {
        coldCaches();
        Context ctx = context();
        List<ProductEntity> products = ProductProvider.INSTANCE.getByIds(ctx, productIds);
        QueryCounter counter = count(ctx);
        ProductProvider.INSTANCE.loadReferences(ctx, products, "category/parent");
        // two levels (categories, their parents): per level one local pass, one Redis read (+ its
        // asynchronous fill), one MySQL query
        assertThat(counter.mysql()).isEqualTo(2);
        assertThat(counter.queries(QuerySource.REDIS)).filteredOn(q -> q.startsWith("GET")).hasSize(2);
        assertThat(counter.queries(QuerySource.REDIS)).filteredOn(q -> q.startsWith("FILL")).hasSize(2);
        counter.reset();
        for (ProductEntity product : products) {
            assertThat(product.mustGetCategory().mustGetParent().getCode()).startsWith("parent");
        }
        assertThat(counter.mysql() + counter.redis() + counter.count(QuerySource.LOCAL_CACHE))
                .as("every reference is now answered by the context cache").isZero();
    }

    @Test
    void loadReferencesWithStarLoadsEveryReferenceOfTheLevel() {
        Context ctx = context();
        List<ProductEntity> products = ProductProvider.INSTANCE.getByIds(ctx, productIds);
        QueryCounter counter = count(ctx);
        ProductProvider.INSTANCE.loadReferences(ctx, products, "*");
        long afterLoad = counter.mysql() + counter.redis() + counter.count(QuerySource.LOCAL_CACHE);
        assertThat(afterLoad).isLessThanOrEqualTo(3);
        products.forEach(p -> p.mustGetCategory());
        assertThat(counter.mysql() + counter.redis() + counter.count(QuerySource.LOCAL_CACHE)).isEqualTo(afterLoad);
    }

    @Test
    void withoutPreloadingEachReferenceIsAReadOfItsOwn() {
        coldCaches();
        Context ctx = context();
        List<ProductEntity> products = ProductProvider.INSTANCE.getByIds(ctx, productIds);
        QueryCounter counter = count(ctx);
        products.forEach(p -> p.mustGetCategory());
        assertThat(counter.mysql()).as("10 distinct categories, each loaded alone").isEqualTo(10);
    }
}
