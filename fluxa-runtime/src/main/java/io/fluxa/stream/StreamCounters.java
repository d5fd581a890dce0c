package io.fluxa.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/** Running totals per stream (and group) since the engine started; read by {@link StreamMeters}. */
final class StreamCounters {

    enum Kind { PUBLISHED, CONSUMED, FAILED, DEAD_LETTERED, DIRTY_RETRIED, DIRTY_DROPPED }

    record Key(Kind kind, String stream, String group) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<BiConsumer<Key, LongAdder>> newKeyListeners = new CopyOnWriteArrayList<>();

    void add(Kind kind, String stream, String group, long n) {
        if (n != 0) {
            counter(kind, stream, group).add(n);
        }
    }

    LongAdder counter(Kind kind, String stream, String group) {
        Key key = new Key(kind, stream, group == null ? "" : group);
        LongAdder adder = counts.get(key);
        if (adder != null) {
            return adder;
        }
        LongAdder created = new LongAdder();
        LongAdder raced = counts.putIfAbsent(key, created);
        if (raced != null) {
            return raced;
        }
        for (BiConsumer<Key, LongAdder> listener : newKeyListeners) {
            listener.accept(key, created);
        }
        return created;
    }

    /** Calls {@code listener} for every existing key now and for every new one later. */
    void forEachKey(BiConsumer<Key, LongAdder> listener) {
        newKeyListeners.add(listener);
        counts.forEach(listener);
    }

    long get(Kind kind, String stream, String group) {
        LongAdder a = counts.get(new Key(kind, stream, group == null ? "" : group));
        return a == null ? 0 : a.sum();
    }

    Map<Key, LongAdder> all() {
        return counts;
    }
}
