package io.fluxa.spring.autoconfigure;

import io.fluxa.EntityModel;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.LocalCacheSettings;
import io.fluxa.schema.RedisCacheSettings;
import io.fluxa.schema.SchemaModel;
import io.fluxa.schema.UniqueIndexSchema;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * Hand-written entity models for the auto-configuration tests (the plugin writes the real ones).
 * Nothing is listed in {@code META-INF/services} on the plain test class path, so a context
 * without an explicit {@link FluxaEntityModels} bean has no entities; {@link #serviceLoaderClassLoader()}
 * adds a services file for the discovery tests.
 */
public final class TestModels {

    private TestModels() {
    }

    /** An entity with columns ID and Title (varchar(100), unique index {@code Title}). */
    public static EntitySchema entity(String name, String table, String mysqlPool, RedisCacheSettings redis,
            LocalCacheSettings local) {
        ColumnSchema id = new ColumnSchema("ID", "id", "long", ColumnKind.ID, "bigint unsigned", false, true,
                0, 0, 0, List.of(), null, null, false, false);
        ColumnSchema title = new ColumnSchema("Title", "title", "String", ColumnKind.STRING, "varchar(100)", false,
                false, 100, 0, 0, List.of(), null, null, false, false);
        return new EntitySchema(name, "test." + name, table, mysqlPool, redis, local, List.of(id, title),
                List.of(new UniqueIndexSchema("Title", List.of("Title"), false)), List.of(), List.of(), false, false,
                false, "t1");
    }

    /** A model with the given entities, each with a {@link NoteProvider}. */
    public static FluxaEntityModels models(EntitySchema... entities) {
        return new FluxaEntityModels(List.of(new Model(List.of(entities))));
    }

    /** Entity {@code Note} (table {@code notes}) cached in the default Redis pool. */
    public static FluxaEntityModels notes() {
        return models(entity("Note", "notes", "default", new RedisCacheSettings("default", 0), null));
    }

    /** Entity {@code Note} (table {@code notes}), not cached. */
    public static FluxaEntityModels plainNotes() {
        return models(entity("Note", "notes", "default", null, null));
    }

    /** The provider of entity {@code name} in {@code models}. */
    public static NoteProvider provider(FluxaEntityModels models, String name) {
        return models.models().stream().flatMap(m -> m.providers().stream()).map(NoteProvider.class::cast)
                .filter(p -> p.entityName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no entity " + name));
    }

    /** A class loader that also sees {@code service-loaded/META-INF/services/io.fluxa.EntityModel}. */
    public static ClassLoader serviceLoaderClassLoader() {
        URL root = TestModels.class.getClassLoader().getResource("service-loaded/");
        return new URLClassLoader(new URL[] {root}, TestModels.class.getClassLoader());
    }

    record Model(List<EntitySchema> entities, List<Object> providers) implements EntityModel {

        Model(List<EntitySchema> entities) {
            this(entities, entities.stream().<Object>map(NoteProvider::new).toList());
        }

        @Override
        public SchemaModel schema() {
            return new SchemaModel(entities);
        }
    }

    /** Listed in {@code service-loaded/META-INF/services}: entity {@code Note}, table {@code notes}, not cached. */
    public static final class ServiceLoadedModel implements EntityModel {

        static final EntitySchema NOTE = entity("Note", "notes", "default", null, null);
        public static final NoteProvider NOTE_PROVIDER = new NoteProvider(NOTE);

        @Override
        public SchemaModel schema() {
            return new SchemaModel(List.of(NOTE));
        }

        @Override
        public List<Object> providers() {
            return List.of(NOTE_PROVIDER);
        }
    }
}
