package io.fluxa.benchmarks;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

/** The Spring Data JDBC repository of {@link SpringDataUser}. */
public interface SpringDataUserRepository extends ListCrudRepository<SpringDataUser, Long> {

    /** The search of the read benchmarks: {@code ID > ? AND Age < ? ORDER BY ID LIMIT 20}. */
    List<SpringDataUser> findFirst20ByIdGreaterThanAndAgeLessThanOrderByIdAsc(long id, int age);
}
