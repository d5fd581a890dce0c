package com.example.shop;

import com.example.shop.catalog.Category;
import io.fluxa.Reference;
import io.fluxa.annotation.Embedded;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Ignore;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.SetOf;
import io.fluxa.annotation.Unique;
import io.fluxa.annotation.Unsigned;

import java.time.Instant;
import java.time.LocalDate;

@FluxaEntity(table = "users")
@RedisCache
class User {
    static final int NAME_LENGTH = 200;

    long id;
    @Required @Length(NAME_LENGTH) String name;
    @Required @Unique(name = "Email", cached = true) String email;
    @Unsigned byte age;
    Integer friends;
    @Required @Enum(values = {"active", "banned"}, name = "UserStatus") String status;
    @SetOf(values = {"sale", "new"}) String tags;
    LocalDate birthday;
    Instant lastLogin;
    byte[] avatar;
    @Required Reference<Category> category;
    @Embedded Address home;
    boolean fakeDelete;
    Instant createdAt;
    Instant updatedAt;
    @Ignore String scratch;
}
