package io.fluxa.sample.model;

import io.fluxa.Reference;
import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.DirtyStream;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Searchable;
import io.fluxa.annotation.SetOf;
import io.fluxa.annotation.Sortable;
import io.fluxa.annotation.Unsigned;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Something the shop sells. Deleting a product only marks it deleted (soft delete). Every change is
 * published to the stream {@code ProductEvents} (see {@code catalog.CategoryProductCounter}). Category,
 * status, price and creation time are in the Redis search index that serves the product filter
 * ({@code catalog.ProductService#filter}).
 */
@FluxaEntity(table = "products")
@RedisCache
@DirtyStream(name = "ProductEvents")
class Product {
    long id;
    @Required @Length(200) String name;
    @Searchable @Sortable @Required @Decimal(precision = 10, scale = 2) @Unsigned BigDecimal price;
    @Searchable @Required @Enum(values = {"draft", "active", "archived"}, name = "ProductStatus") String status;
    @SetOf(values = {"new", "sale", "bestseller"}, name = "ProductTag") String tags;
    @Unsigned int stock;
    @Searchable @Required Reference<Category> category;
    boolean fakeDelete;
    @Searchable @Sortable Instant createdAt;
    Instant updatedAt;
}
