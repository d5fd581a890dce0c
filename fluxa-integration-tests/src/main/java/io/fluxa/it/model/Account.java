package io.fluxa.it.model;

import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;

import java.time.Instant;

/** Soft delete, timestamps and a cached unique index. */
@FluxaEntity(table = "accounts")
@RedisCache
class Account {
    long id;
    @Required @Length(100) @Unique(name = "Email", cached = true) String email;
    @Length(50) String name;
    int age;
    @Required @Enum(values = {"active", "banned"}) String status;
    boolean fakeDelete;
    Instant createdAt;
    Instant updatedAt;
}
