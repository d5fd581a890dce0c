package com.acme.model;

import io.fluxa.Reference;
import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Searchable;
import io.fluxa.annotation.SetOf;
import io.fluxa.annotation.Sortable;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The searchable entity of docs/redis-search.md, as declared there. */
@FluxaEntity(table = "listings")
class Listing {
    long id;
    @Searchable @Sortable int rank;
    @Searchable @Sortable @Decimal(precision = 10, scale = 2) BigDecimal price;
    @Searchable @Sortable @Required @Enum(values = {"draft", "live", "sold"}, name = "ListingStatus") String status;
    @Searchable @Length(20) String brand;
    @Searchable boolean active;
    @Searchable @Sortable LocalDate listedOn;
    @Searchable Reference<Category> category;
    @Searchable @SetOf(values = {"new", "sale", "eco"}) String tags;
    boolean fakeDelete;
}
