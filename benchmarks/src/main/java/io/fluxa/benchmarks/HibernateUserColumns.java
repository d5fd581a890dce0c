package io.fluxa.benchmarks;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The benchmark row's columns mapped for Hibernate: the same five columns as the Fluxa entities and
 * {@link UserRow}. Ids are assigned by the caller, like the raw-JDBC side.
 */
@MappedSuperclass
public abstract class HibernateUserColumns {

    @Id
    @Column(name = "ID")
    private Long id;

    @Column(name = "Name", nullable = false, length = 100)
    private String name;

    @Column(name = "Email", nullable = false, length = 100)
    private String email;

    @Column(name = "Age", nullable = false)
    private int age;

    @Column(name = "Balance", nullable = false)
    private double balance;

    protected HibernateUserColumns() {
    }

    protected HibernateUserColumns(long id, String name, String email, int age, double balance) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.age = age;
        this.balance = balance;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public double getBalance() {
        return balance;
    }

    public void setBalance(double balance) {
        this.balance = balance;
    }
}
