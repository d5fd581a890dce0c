package io.fluxa.metrics;

import io.fluxa.schema.EntitySchema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the entity a cache key belongs to from the key's leading segment (before the first ':'). */
final class EntityResolver {

    private final Map<String, String> entityByPrefix = new HashMap<>();

    EntityResolver(List<EntitySchema> entities) {
        for (EntitySchema entity : entities) {
            entityByPrefix.put(entity.table(), entity.entityName());
            entityByPrefix.put(entity.entityName(), entity.entityName());
        }
    }

    /**
     * The entity name, or null when no key in {@code query} (a cache key, or a Redis command with its
     * keys) starts with a known entity or table prefix.
     */
    String fromKey(String query) {
        if (query == null || query.isEmpty() || entityByPrefix.isEmpty()) {
            return null;
        }
        for (String token : query.split(" ", 4)) {
            int colon = token.indexOf(':');
            if (colon > 0) {
                return entityByPrefix.get(token.substring(0, colon));
            }
        }
        return null;
    }
}
