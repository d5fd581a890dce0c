package io.fluxa.sample.model;

import io.fluxa.Reference;
import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.SetOf;
import io.fluxa.annotation.Unsigned;

import java.math.BigDecimal;
import java.time.Instant;

/** Something the shop sells. Deleting a product only marks it deleted (soft delete). */
@FluxaEntity(table = "products")
@RedisCache
class Product {
    long id;
    @Required @Length(200) String name;
    @Required @Decimal(precision = 10, scale = 2) @Unsigned BigDecimal price;
    @Required @Enum(values = {"draft", "active", "archived"}, name = "ProductStatus") String status;
    @SetOf(values = {"new", "sale", "bestseller"}, name = "ProductTag") String tags;
    @Unsigned int stock;
    @Required Reference<Category> category;
    boolean fakeDelete;
    Instant createdAt;
    Instant updatedAt;
}
