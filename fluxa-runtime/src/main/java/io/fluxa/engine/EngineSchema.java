package io.fluxa.engine;

import io.fluxa.mysql.HikariMySqlPool;
import io.fluxa.schema.Alter;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.MySqlSchemaSync;
import io.fluxa.schema.SchemaManager;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's {@link SchemaManager}: schema sync over its entities and MySQL pools. */
final class EngineSchema implements SchemaManager {
    private final Map<String, EntitySchema> entities;
    private final Map<String, HikariMySqlPool> mysql;
    private final Map<String, List<String>> ignoredTables;
    private final Map<String, String> collations;

    /** {@code entities} and {@code mysql} are the engine's own maps, read on every call. */
    EngineSchema(Map<String, EntitySchema> entities, Map<String, HikariMySqlPool> mysql,
            Map<String, List<String>> ignoredTables, Map<String, String> collations) {
        this.entities = entities;
        this.mysql = mysql;
        this.ignoredTables = ignoredTables;
        this.collations = collations;
    }

    @Override
    public List<EntitySchema> entities() {
        List<EntitySchema> sorted = new ArrayList<>(entities.values());
        sorted.sort(Comparator.comparing(EntitySchema::entityName));
        return sorted;
    }

    private MySqlSchemaSync sync() {
        return new MySqlSchemaSync(entities(), new LinkedHashMap<>(mysql), ignoredTables, collations);
    }

    @Override
    public List<Alter> alters() {
        return sync().alters();
    }

    @Override
    public List<Alter> applyAlters(boolean includeUnsafe) {
        return sync().apply(includeUnsafe);
    }
}
