package io.fluxa.benchmarks;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** {@code bench_plain} for Hibernate, without the second-level cache (like Fluxa's PlainUser). */
@Entity
@Table(name = "bench_plain")
public class HibernateUser extends HibernateUserColumns {

    protected HibernateUser() {
    }

    HibernateUser(long id, String name, String email, int age, double balance) {
        super(id, name, email, age, balance);
    }
}
