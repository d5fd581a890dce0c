package com.example.shop;

import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.Sortable;

@FluxaEntity(table = "products")
public class Product {
    long id;
    @Required String title;
    @Sortable int rank;
}
