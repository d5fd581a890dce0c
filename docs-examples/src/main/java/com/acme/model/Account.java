package com.acme.model;

import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;
import io.fluxa.annotation.Unsigned;

@FluxaEntity(table = "accounts")
class Account {
    long id;
    @Required @Length(100) @Unique(name = "Email", cached = true) String email;
    @Unsigned int age;
    @Required @Enum(name = "AccountStatus", values = {"ACTIVE", "BLOCKED"}) String status;
    boolean fakeDelete;
}
