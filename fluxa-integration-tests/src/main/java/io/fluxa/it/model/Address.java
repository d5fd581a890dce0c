package io.fluxa.it.model;

import io.fluxa.annotation.Length;

/** Embedded into {@link Kinds} as {@code home}: columns HomeCity, HomeCountry. */
class Address {
    @Length(40) String city;
    @Length(40) String country;
}
