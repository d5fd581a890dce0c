package io.fluxa.it.model;

import io.fluxa.Reference;
import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Searchable;
import io.fluxa.annotation.SetOf;
import io.fluxa.annotation.Sortable;
import io.fluxa.annotation.Unique;

import java.time.Instant;
import java.time.LocalDate;

/** A marketplace listing with a Redis search index over most kinds of column; soft-deleted. */
@FluxaEntity(table = "listings")
class Listing {
    long id;
    @Required @Length(20) @Unique(name = "Code") String code;
    @Searchable @Sortable int rank;
    @Searchable @Sortable Integer stock;
    @Searchable @Sortable @Decimal(precision = 10, scale = 2) double price;
    @Searchable @Sortable @Required @Enum(values = {"draft", "live", "sold"}, name = "ListingStatus") String status;
    @Searchable @Length(20) String brand;
    @Searchable @Sortable boolean active;
    @Searchable @Sortable LocalDate listedOn;
    @Searchable @Sortable Instant seenAt;
    @Searchable Reference<Category> category;
    @Searchable @SetOf(values = {"new", "sale", "eco"}) String tags;
    @Length(50) String note;
    boolean fakeDelete;
}
