package com.acme.model;

import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;

@FluxaEntity(table = "users")
@RedisCache
class User {
    long id;
    @Required @Length(100) @Unique(name = "Email", cached = true) String email;
    @Length(100) String name;
}
