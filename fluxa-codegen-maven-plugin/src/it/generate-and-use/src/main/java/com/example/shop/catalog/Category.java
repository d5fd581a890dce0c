package com.example.shop.catalog;

import io.fluxa.Reference;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Required;

@FluxaEntity(table = "categories")
public class Category {
    long id;
    @Required String name;
    Reference<Category> parent;
}
