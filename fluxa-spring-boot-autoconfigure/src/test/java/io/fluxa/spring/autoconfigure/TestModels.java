package io.fluxa.spring.autoconfigure;

import io.fluxa.EntityModel;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.LocalCacheSettings;
import io.fluxa.schema.RedisCacheSettings;
import io.fluxa.schema.SchemaModel;

import java.util.List;

/** Hand-written entity models for the auto-configuration tests (the plugin writes the real ones). */
final class TestModels {

    private TestModels() {
    }

    static EntitySchema entity(String name, String table, String mysqlPool, RedisCacheSettings redis,
            LocalCacheSettings local) {
        ColumnSchema id = new ColumnSchema("ID", "id", "long", ColumnKind.ID, "bigint unsigned", false, true,
                0, 0, 0, List.of(), null, null, false, false);
        ColumnSchema title = new ColumnSchema("Title", "title", "String", ColumnKind.STRING, "varchar(100)", true,
                false, 100, 0, 0, List.of(), null, null, false, false);
        return new EntitySchema(name, "test." + name, table, mysqlPool, redis, local, List.of(id, title), List.of(),
                List.of(), List.of(), false, false, false, "t1");
    }

    /** A model with the given entities. */
    static FluxaEntityModels models(EntitySchema... entities) {
        return new FluxaEntityModels(List.of(new Model(List.of(entities))));
    }

    record Model(List<EntitySchema> entities) implements EntityModel {

        @Override
        public SchemaModel schema() {
            return new SchemaModel(entities);
        }
    }

    /** Listed in the test services file so ServiceLoader discovery can be tested. */
    public static final class ServiceLoadedModel implements EntityModel {

        @Override
        public SchemaModel schema() {
            return new SchemaModel(List.of(entity("Note", "notes", "default", null, null)));
        }
    }
}
