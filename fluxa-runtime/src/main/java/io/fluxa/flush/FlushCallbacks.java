package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.row.EntityType;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * The lifecycle callbacks registered on one engine, by entity type. Owned by the engine, so they
 * live and die with it; registering is thread-safe and reading costs one map lookup per table when
 * any callback exists, nothing otherwise.
 */
public final class FlushCallbacks {

    /** What happened to a row. */
    public enum Event { INSERT, UPDATE, DELETE }

    /** One registered callback; {@code previous} is only set for updates (field path → old value). */
    @FunctionalInterface
    public interface Callback {
        void run(Context context, Object entity, Map<String, Object> previous);
    }

    private record Registered(Event event, Callback callback) {
    }

    private final Map<EntityType, List<Registered>> byType = new ConcurrentHashMap<>();

    public void add(EntityType type, Event event, Callback callback) {
        byType.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(new Registered(event, callback));
    }

    /** Removes every callback of {@code type}. */
    public void clear(EntityType type) {
        byType.remove(type);
    }

    boolean isEmpty() {
        return byType.isEmpty();
    }

    boolean has(EntityType type) {
        List<Registered> list = byType.get(type);
        return list != null && !list.isEmpty();
    }

    void fire(EntityType type, Event event, Context context, Object entity, Map<String, Object> previous) {
        List<Registered> list = byType.get(type);
        if (list == null) {
            return;
        }
        for (Registered registered : list) {
            if (registered.event() == event) {
                registered.callback().run(context, entity, previous);
            }
        }
    }
}
