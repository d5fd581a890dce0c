package io.fluxa.sample.model;

import io.fluxa.Reference;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Required;

import java.time.Instant;

/**
 * One view of a product page. Views are many and nobody reads them back at once, so they are written
 * behind the request: {@code catalog.ProductVisits} saves them with {@code flushAsync}, and the async
 * flush consumer the starter runs inserts them into MySQL. Not cached.
 */
@FluxaEntity(table = "product_visits")
class ProductVisit {
    long id;
    @Required Reference<Product> product;
    Instant createdAt;
}
