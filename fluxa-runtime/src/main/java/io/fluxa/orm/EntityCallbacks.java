package io.fluxa.orm;

import io.fluxa.Context;

import java.util.Map;

/**
 * The lifecycle callbacks of an entity type, run by {@code flush()} after MySQL committed and the
 * caches were updated. Register them through the generated provider's
 * {@code onAfterInsert/onAfterUpdate/onAfterDelete}; the engine keeps them.
 */
public final class EntityCallbacks {

    private EntityCallbacks() {
    }

    /** Runs after a new entity was inserted; it holds every stored value, timestamps included. */
    @FunctionalInterface
    public interface AfterInsert<E> {
        void afterInsert(Context context, E entity);
    }

    /**
     * Runs after an entity was updated; {@code previous} maps the field path of every changed column
     * to its value before the flush, in stored form (integers as Long, enums as their database value).
     */
    @FunctionalInterface
    public interface AfterUpdate<E> {
        void afterUpdate(Context context, E entity, Map<String, Object> previous);
    }

    /** Runs after an entity was deleted, also for a soft delete. */
    @FunctionalInterface
    public interface AfterDelete<E> {
        void afterDelete(Context context, E entity);
    }
}
