package io.fluxa.engine;

import io.fluxa.FlushObserver;
import io.fluxa.row.EntityState;
import io.fluxa.row.Flushable;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Tells the engine's {@link FlushObserver} (if any) about a flush; costs nothing without one. */
final class FlushObservations {

    private static final Consumer<Throwable> NOTHING = error -> { };

    private FlushObservations() {
    }

    static Consumer<Throwable> start(FlushObserver observer, boolean async, Collection<Flushable> tracked) {
        if (observer == null) {
            return NOTHING;
        }
        TreeSet<String> pools = new TreeSet<>();
        for (Flushable entity : tracked) {
            if (entity instanceof EntityState state) {
                pools.add(state.type().mysqlPool());
            }
        }
        Consumer<Throwable> finish = observer.started(
                new FlushObserver.Flush(async, List.copyOf(pools), tracked.size()));
        return finish == null ? NOTHING : finish;
    }
}
