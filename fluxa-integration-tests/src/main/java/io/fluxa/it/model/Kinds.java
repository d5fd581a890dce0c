package io.fluxa.it.model;

import io.fluxa.Reference;
import io.fluxa.annotation.Array;
import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.Embedded;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.LocalCache;
import io.fluxa.annotation.MediumInt;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.SetOf;
import io.fluxa.annotation.Unsigned;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** One field of every kind, cached in Redis and locally, so round-trips through every tier can be compared. */
@FluxaEntity(table = "kinds")
@RedisCache
@LocalCache
class Kinds {
    long id;
    byte tiny;
    @Unsigned byte tinyU;
    short small;
    @Unsigned short smallU;
    @MediumInt int medium;
    @Unsigned @MediumInt int mediumU;
    int integer;
    @Unsigned int intU;
    long big;
    @Unsigned long bigU;
    Byte tinyN;
    Integer intN;
    Long bigN;
    boolean flag;
    Boolean flagN;
    float ratio;
    Double score;
    @Required @Decimal(precision = 30, scale = 4) BigDecimal balance;
    @Decimal(precision = 8, scale = 3) @Unsigned Double amount;
    @Required @Length(50) String title;
    String note;
    @Length(Length.MAX) String body;
    LocalDate day;
    Instant moment;
    LocalDateTime local;
    byte[] data;
    @Required @Enum(values = {"red", "green", "light blue"}, name = "Color") String color;
    @Enum(name = "Color") String colorN;
    @SetOf(values = {"a", "b", "c"}) String letters;
    Reference<Category> category;
    @Embedded Address home;
    @Array(3) @Length(20) String alias;
}
