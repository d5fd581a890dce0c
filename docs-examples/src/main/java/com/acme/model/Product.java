package com.acme.model;

import io.fluxa.Reference;
import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.DirtyStream;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;
import io.fluxa.annotation.Unsigned;

import java.math.BigDecimal;

@FluxaEntity(table = "products")
@RedisCache
@DirtyStream(name = "ProductEvents")
class Product {
    long id;
    @Required @Length(100) @Unique(name = "NameInCategory") String name;
    @Required @Unique(name = "NameInCategory", position = 2) Reference<Category> category;
    @Decimal(precision = 10, scale = 2) @Unsigned BigDecimal price;
    @Unsigned int stock;
}
