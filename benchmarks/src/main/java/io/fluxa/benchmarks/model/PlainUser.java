package io.fluxa.benchmarks.model;

import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.Required;

/** Benchmark row; the same columns as the raw-client tables. */
@FluxaEntity(table = "bench_plain")
class PlainUser {
    long id;
    @Required @Length(100) String name;
    @Required @Length(100) String email;
    int age;
    double balance;
}
