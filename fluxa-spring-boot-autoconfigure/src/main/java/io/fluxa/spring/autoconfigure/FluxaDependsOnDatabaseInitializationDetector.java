package io.fluxa.spring.autoconfigure;

import io.fluxa.Engine;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

import java.util.Set;

/**
 * Makes the {@link Engine} bean wait for database initialization (Flyway, Liquibase, Spring Boot's
 * SQL scripts), so {@code fluxa.schema.mode=validate} compares the migrated schema and {@code update}
 * runs after the migrations. Registered as a {@link DependsOnDatabaseInitializationDetector} in
 * {@code META-INF/spring.factories}, read only when Spring Boot's SQL module is on the class path.
 */
class FluxaDependsOnDatabaseInitializationDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(Engine.class);
    }
}
