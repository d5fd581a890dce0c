package io.fluxa.sample.catalog;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.redis.RedisPool;
import io.fluxa.sample.model.entities.DirtyStreamNames;
import io.fluxa.spring.autoconfigure.stream.FluxaStreamListener;
import io.fluxa.stream.DirtyEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps the number of (not deleted) products per category in the Redis hash {@value #KEY}, fed by
 * the {@code ProductEvents} dirty stream: a new product counts for its category, a deleted one no
 * longer does. It runs beside the request that changed the product, so the count follows a moment
 * later.
 *
 * <p>Events are delivered at least once; to count each one once even when a crash makes it come
 * again, the event id is recorded in the set {@value #SEEN} first and a repeated id is skipped.
 */
@Component
public class CategoryProductCounter {

    static final String KEY = "shop:products-per-category";
    static final String SEEN = "shop:products-per-category:seen";

    private final RedisPool redis;

    public CategoryProductCounter(Engine engine) {
        this.redis = engine.redis(Registry.DEFAULT_POOL);
    }

    @FluxaStreamListener(stream = DirtyStreamNames.PRODUCT_EVENTS, group = "category-counter")
    void onProductChange(DirtyEvent change) {
        if (redis.sAdd(SEEN, change.event().id()) == 0) {
            return; // counted before this delivery
        }
        switch (change.action()) {
            case INSERT -> count(change.newValue("category", Long.class), 1);
            case DELETE, SOFT_DELETE -> {
                if (!Boolean.TRUE.equals(change.oldValue("fakeDelete"))) {
                    count(change.oldValue("category", Long.class), -1);
                }
            }
            case UPDATE -> {
                if (change.changed("category")) {
                    count(change.oldValue("category", Long.class), -1);
                    count(change.newValue("category", Long.class), 1);
                }
            }
        }
    }

    private void count(Long category, long delta) {
        if (category != null) {
            redis.hIncrBy(KEY, Long.toString(category), delta);
        }
    }

    /** Products currently counted for {@code category}. */
    public long products(long category) {
        return redis.hGet(KEY, Long.toString(category)).map(Long::parseLong).orElse(0L);
    }
}
