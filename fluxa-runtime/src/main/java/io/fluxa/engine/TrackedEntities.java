package io.fluxa.engine;

import io.fluxa.Context;
import io.fluxa.row.EntityState;
import io.fluxa.row.Flushable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a context tracks until its next flush: each entity once, in first-tracked order. A state of
 * the context's own entities notes on itself that it is tracked ({@link EntityState#startTracking}),
 * so tracking one costs a field and a list slot, not a hash-set entry; anything else (a state of
 * another context, another {@link Flushable}) is kept once by a hash set, as before. Not thread-safe,
 * like the context.
 */
final class TrackedEntities {

    private final Context owner;
    private final ArrayList<Flushable> order = new ArrayList<>();
    /** What {@link #owner} tracks that is not a state of its own entities; null while there is none. */
    private Set<Flushable> others;

    TrackedEntities(Context owner) {
        this.owner = owner;
    }

    /** @return true when {@code entity} was not tracked yet */
    boolean add(Flushable entity) {
        if (entity instanceof EntityState state && state.context() == owner) {
            if (!state.startTracking()) {
                return false;
            }
        } else {
            if (others == null) {
                others = new HashSet<>();
            }
            if (!others.add(entity)) {
                return false;
            }
        }
        order.add(entity);
        return true;
    }

    /** Everything tracked, in first-tracked order (do not modify). */
    List<Flushable> list() {
        return order;
    }

    int size() {
        return order.size();
    }

    boolean isEmpty() {
        return order.isEmpty();
    }

    /** Forgets everything, handing each tracked entity state to {@code forgotten} first. */
    void clear(Consumer<EntityState> forgotten) {
        for (Flushable entity : order) {
            if (entity instanceof EntityState state) {
                if (state.context() == owner) {
                    state.stopTracking();
                }
                forgotten.accept(state);
            }
        }
        order.clear();
        others = null;
    }
}
