package io.fluxa.orm;

import io.fluxa.Context;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lifecycle callbacks of one entity type on one engine, run by {@code flush()} after MySQL
 * committed and the caches were updated. Register them through the generated provider's
 * {@code onAfterInsert/onAfterUpdate/onAfterDelete}.
 */
public final class EntityCallbacks<E extends AbstractEntity> {

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

    final List<AfterInsert<? super E>> afterInsert = new CopyOnWriteArrayList<>();
    final List<AfterUpdate<? super E>> afterUpdate = new CopyOnWriteArrayList<>();
    final List<AfterDelete<? super E>> afterDelete = new CopyOnWriteArrayList<>();

    boolean isEmpty() {
        return afterInsert.isEmpty() && afterUpdate.isEmpty() && afterDelete.isEmpty();
    }
}
