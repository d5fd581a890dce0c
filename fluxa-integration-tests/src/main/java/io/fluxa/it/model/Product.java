package io.fluxa.it.model;

import io.fluxa.Reference;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;

/** A product; Redis-cached only. {@code (name, category)} is unique but not cached. */
@FluxaEntity(table = "products")
@RedisCache(ttlSeconds = 3600)
class Product {
    long id;
    @Required @Length(100) @Unique(name = "NameInCategory") String name;
    @Required @Unique(name = "NameInCategory", position = 2) Reference<Category> category;
    double price;
    int stock;
}
