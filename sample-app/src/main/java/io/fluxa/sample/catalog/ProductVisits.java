package io.fluxa.sample.catalog;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.Where;
import io.fluxa.sample.model.entities.ProductVisitEntity;
import io.fluxa.sample.model.entities.ProductVisitProvider;
import org.springframework.stereotype.Service;

/**
 * Product page views, written behind the request: each view is one {@code flushAsync} (one Redis
 * round trip), and the async flush consumer inserts it into MySQL moments later. Counts therefore
 * lag the views a little.
 */
@Service
public class ProductVisits {

    private final Engine engine;
    private final ProductVisitProvider visits;
    private final ProductService products;

    public ProductVisits(Engine engine, ProductVisitProvider visits, ProductService products) {
        this.engine = engine;
        this.visits = visits;
        this.products = products;
    }

    /** Records a view of product {@code productId}; false when there is no such product. */
    public boolean record(long productId) {
        if (products.byId(productId).isEmpty()) {
            return false;
        }
        // a context of its own: the request's context is flushed synchronously by the auto-flush filter
        Context visit = engine.newContext();
        ProductVisitEntity entity = visits.newEntity(visit);
        entity.setProduct(productId);
        visit.flushAsync(false); // nothing cached to update: the consumer writes MySQL
        return true;
    }

    /** The views of product {@code productId} the consumer has written to MySQL so far. */
    public long count(long productId) {
        return visits.count(engine.newContext(), Where.all().and(ProductVisitEntity.PRODUCT.eq(productId)));
    }

}
