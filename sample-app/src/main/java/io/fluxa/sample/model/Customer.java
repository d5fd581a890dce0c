package io.fluxa.sample.model;

import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Unique;

/** A shop customer, identified by a unique e-mail address. */
@FluxaEntity(table = "customers")
class Customer {
    long id;
    @Required @Length(190) @Unique(name = "Email") String email;
    @Required @Length(100) String name;
}
