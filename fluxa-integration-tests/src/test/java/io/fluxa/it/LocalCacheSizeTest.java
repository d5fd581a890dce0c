package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.cache.LocalCache;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @LocalCache(size = 1000)} on Category gives its rows a bounded cache of their own in the pool. */
class LocalCacheSizeTest extends OrmTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;

    @Test
    void anEntitySizeBoundsItsRowsWithoutTouchingThePoolsSharedCache() {
        LocalCache pool = runtime.local();
        LocalCache categories = pool.forEntity("categories");
        assertThat(categories.code()).isEqualTo("default:categories");
        assertThat(categories.limit()).isEqualTo(1000);
        assertThat(pool.entityCaches()).contains(categories);

        Context ctx = context();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            CategoryEntity category = CATEGORIES.newEntity(ctx);
            category.setCode("s" + i);
            category.setName("Sized " + i);
            ids.add(category.getId());
        }
        ctx.flush();

        // a flush only invalidates; the first read loads the 1 200 rows from MySQL and caches them in a
        // cache of 1 000: 200 were evicted from it alone
        assertThat(CATEGORIES.getByIds(freshContext(), ids)).hasSize(1_200);
        assertThat(categories.usage().used()).isEqualTo(1_000);
        assertThat(categories.usage().evictions()).isEqualTo(200);
        assertThat(pool.usage().used()).isZero();

        // every row is still readable; the local misses are answered by Redis, never by MySQL
        Context reader = freshContext();
        QueryCounter counter = count(reader);
        List<CategoryEntity> all = CATEGORIES.getByIds(reader, ids);
        assertThat(all).hasSize(1_200).extracting(CategoryEntity::getName).startsWith("Sized 0").endsWith("Sized 1199");
        assertThat(counter.mysql()).isZero();
        assertThat(counter.events(QuerySource.LOCAL_CACHE)).extracting(QueryEvent::pool)
                .containsOnly("default:categories");

        pool.clear();
        assertThat(categories.usage().used()).isZero();
    }
}
