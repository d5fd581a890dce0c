package io.fluxa.spring.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * The history tables that Flyway and Liquibase keep in the database they migrate. Schema sync would
 * otherwise see them as tables no entity describes and want to drop them ({@code fluxa.schema.mode=validate}
 * would fail on every start); they are added to every MySQL pool's ignored tables when the tool is on
 * the class path, under the names {@code spring.flyway.table} and
 * {@code spring.liquibase.database-change-log(-lock)-table} give them.
 */
final class MigrationTables {

    private static final ClassLoader LOADER = MigrationTables.class.getClassLoader();

    private MigrationTables() {
    }

    static List<String> of(Binder binder) {
        List<String> tables = new ArrayList<>();
        if (ClassUtils.isPresent("org.flywaydb.core.Flyway", LOADER)) {
            tables.add(binder.bind("spring.flyway.table", String.class).orElse("flyway_schema_history"));
        }
        if (ClassUtils.isPresent("liquibase.Liquibase", LOADER)) {
            tables.add(binder.bind("spring.liquibase.database-change-log-table", String.class)
                    .orElse("DATABASECHANGELOG"));
            tables.add(binder.bind("spring.liquibase.database-change-log-lock-table", String.class)
                    .orElse("DATABASECHANGELOGLOCK"));
        }
        return List.copyOf(tables);
    }
}
