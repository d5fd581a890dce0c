package io.fluxa.schema;

import java.util.List;

/** All entities of one model, sorted by entity name so output built from it is deterministic. */
public record SchemaModel(List<EntitySchema> entities) {

    public SchemaModel {
        entities = List.copyOf(entities);
    }

    /** The entity with this name, or null. */
    public EntitySchema entity(String entityName) {
        for (EntitySchema e : entities) {
            if (e.entityName().equals(entityName)) {
                return e;
            }
        }
        return null;
    }
}
