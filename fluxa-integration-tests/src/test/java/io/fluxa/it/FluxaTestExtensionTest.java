package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.test.FluxaTest;
import io.fluxa.test.FluxaTestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @FluxaTest} extension with generated entities, as an application's test uses it: the
 * generated model is found through ServiceLoader, the tables exist, and every test starts with
 * empty tables, an empty Redis database (id counters, row and index caches) and empty local caches.
 * The two tests run in order: the second proves nothing of the first survived.
 */
@FluxaTest(databasePrefix = "fluxa_ts_")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FluxaTestExtensionTest {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;

    Engine engine;
    Context context;
    CategoryEntity fixture;

    /** A fresh context without context cache: reads go through local cache, Redis and MySQL. */
    private Context fresh() {
        Context c = engine.newContext();
        c.disableContextCache();
        return c;
    }

    @BeforeEach
    void createFixture(Context beforeEachContext) {
        assertThat(beforeEachContext).isSameAs(context);
        fixture = CATEGORIES.newEntity(context);
        fixture.setCode("fixture");
        fixture.setName("Fixture");
        context.flush();
    }

    @Test
    @Order(1)
    void writesAndCachesRows() {
        assertThat(fixture.getId()).isEqualTo(1); // the id counter starts from an empty table
        CategoryEntity shoes = CATEGORIES.newEntity(context);
        shoes.setCode("shoes");
        shoes.setName("Shoes");
        ProductEntity boot = PRODUCTS.newEntity(context);
        boot.setName("Boot");
        boot.setCategory(shoes);
        context.flush();
        assertThat(shoes.getId()).isEqualTo(2);

        // fill the local cache and Redis (rows and the cached Code index)
        assertThat(CATEGORIES.mustGetById(fresh(), shoes.getId()).getName()).isEqualTo("Shoes");
        assertThat(CATEGORIES.getByIndexCode(fresh(), "shoes")).isPresent();
        assertThat(PRODUCTS.mustGetById(fresh(), boot.getId()).mustGetCategory().getCode()).isEqualTo("shoes");
        assertThat(engine.redis("default").connection().sync().dbsize()).isPositive();
        // Category sets @LocalCache(size = 1000), so its rows sit in the pool's entity cache
        assertThat(engine.localCache("default").forEntity("categories").usage().used()).isPositive();
    }

    @Test
    @Order(2)
    void startsFromNothingAgain() {
        assertThat(fixture.getId()).isEqualTo(1); // the Redis id counter was flushed with the rows
        assertThat(CATEGORIES.getById(fresh(), 2)).isEmpty(); // not served from a stale local or Redis cache
        assertThat(CATEGORIES.getByIndexCode(fresh(), "shoes")).isEmpty();
        assertThat(PRODUCTS.getById(fresh(), 1)).isEmpty();
        assertThat(engine.db("default").queryRow("SELECT COUNT(*) FROM `products`", rs -> rs.getLong(1)))
                .contains(0L);
        assertThat(engine.db("default").database()).startsWith("fluxa_ts_fluxa_test_extension_test_")
                .endsWith("_" + FluxaTestServers.runId());
        assertThat(engine.redis("default").database()).as("the Redis database this test run leased")
                .isEqualTo(FluxaTestServers.fromEnvironment().redisDatabase());
    }
}
