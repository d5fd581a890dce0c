package io.fluxa.it.model;

import io.fluxa.Reference;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.LocalCache;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;

/** A product category; categories form a tree through {@code parent}. Cached in Redis and locally. */
@FluxaEntity(table = "categories")
@RedisCache
@LocalCache(size = 1000)
class Category {
    long id;
    @Required @Length(10) @Unique(name = "Code", cached = true) String code;
    @Required @Length(100) String name;
    Reference<Category> parent;
}
