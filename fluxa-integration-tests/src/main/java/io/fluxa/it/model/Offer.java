package io.fluxa.it.model;

import io.fluxa.annotation.DirtyStream;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Searchable;
import io.fluxa.annotation.Sortable;

/**
 * Everything a flush updates in Redis after the commit at once: the row cache, a Redis search index and
 * a dirty stream ({@code OfferEvents}).
 */
@FluxaEntity(table = "offers")
@RedisCache
@DirtyStream(name = "OfferEvents")
class Offer {
    long id;
    @Required @Length(40) String title;
    @Searchable @Sortable int price;
}
