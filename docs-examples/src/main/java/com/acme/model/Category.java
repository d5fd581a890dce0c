package com.acme.model;

import io.fluxa.Reference;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.LocalCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;

@FluxaEntity(table = "categories")
@LocalCache
class Category {
    long id;
    @Required @Length(50) @Unique(name = "Code", cached = true) String code;
    @Required @Length(100) String name;
    Reference<Category> parent;
}
