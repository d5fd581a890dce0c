package io.fluxa.benchmarks.model;

import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Index;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Searchable;
import io.fluxa.annotation.Sortable;

import java.math.BigDecimal;

/**
 * Rows of the Redis search benchmarks (100 000 of them): searchable through Redis and, with the
 * indexes a MySQL search of the same conditions needs, through MySQL.
 */
@FluxaEntity(table = "bench_search")
class SearchItem {
    long id;
    @Searchable @Index(name = "CategoryPrice") int category;
    @Searchable @Sortable @Required @Decimal(precision = 10, scale = 2)
    @Index(name = "CategoryPrice", position = 2) @Index(name = "StatusPrice", position = 2) BigDecimal price;
    @Searchable @Required @Enum(values = {"draft", "active", "archived"}, name = "SearchItemStatus")
    @Index(name = "StatusPrice") String status;
}
