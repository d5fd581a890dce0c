package com.acme.model;

import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;

@FluxaEntity(table = "customers")
class Customer {
    long id;
    @Required @Length(100) @Unique(name = "Email") String email;
    @Length(100) String name;
}
