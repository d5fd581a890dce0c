package io.fluxa.sample.model;

import io.fluxa.Reference;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.LocalCache;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;

/** A product category; categories form a tree through {@code parent}. Read often, changed rarely: cached locally and in Redis. */
@FluxaEntity(table = "categories")
@RedisCache
@LocalCache(size = 1_000)
class Category {
    long id;
    @Required @Length(40) @Unique(name = "Code", cached = true) String code;
    @Required @Length(100) String name;
    Reference<Category> parent;
}
