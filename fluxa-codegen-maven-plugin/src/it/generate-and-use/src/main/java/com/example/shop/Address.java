package com.example.shop;

import io.fluxa.annotation.Length;

class Address {
    @Length(100) String city;
    String country;
}
