package io.fluxa.benchmarks;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/** {@code bench_plain} as a Spring Data JDBC aggregate: the same five columns. */
@Table("bench_plain")
public record SpringDataUser(
        @Id @Column("ID") Long id,
        @Column("Name") String name,
        @Column("Email") String email,
        @Column("Age") int age,
        @Column("Balance") double balance) {
}
