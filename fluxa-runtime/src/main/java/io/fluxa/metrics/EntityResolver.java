package io.fluxa.metrics;

import io.fluxa.schema.EntitySchema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the entity a logged cache read belongs to, from the table name the ORM puts in the query text. */
final class EntityResolver {

    private final Map<String, String> entityByPrefix = new HashMap<>();

    EntityResolver(List<EntitySchema> entities) {
        for (EntitySchema entity : entities) {
            entityByPrefix.put(entity.table(), entity.entityName());
            entityByPrefix.put(entity.entityName(), entity.entityName());
        }
    }

    /**
     * The entity a logged cache read belongs to, or null. The ORM logs reads as the command followed
     * by the table ({@code GET products x3}) or by a key starting with the table
     * ({@code GET products:stamp:* x3}).
     */
    String fromKey(String query) {
        if (query == null || query.isEmpty() || entityByPrefix.isEmpty()) {
            return null;
        }
        String[] tokens = query.split(" ", 4);
        for (int i = 1; i < tokens.length && i < 3; i++) {
            String token = tokens[i];
            int colon = token.indexOf(':');
            String entity = entityByPrefix.get(colon > 0 ? token.substring(0, colon) : token);
            if (entity != null) {
                return entity;
            }
        }
        return null;
    }
}
