package io.fluxa.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Running totals per stream (and group) since the engine started; read by {@link StreamMeters}. */
final class StreamCounters {

    enum Kind { PUBLISHED, CONSUMED, FAILED, DEAD_LETTERED, DIRTY_RETRIED, DIRTY_DROPPED }

    record Key(Kind kind, String stream, String group) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    void add(Kind kind, String stream, String group, long n) {
        if (n != 0) {
            counter(kind, stream, group).add(n);
        }
    }

    LongAdder counter(Kind kind, String stream, String group) {
        return counts.computeIfAbsent(new Key(kind, stream, group == null ? "" : group), k -> new LongAdder());
    }

    long get(Kind kind, String stream, String group) {
        LongAdder a = counts.get(new Key(kind, stream, group == null ? "" : group));
        return a == null ? 0 : a.sum();
    }

    Map<Key, LongAdder> all() {
        return counts;
    }
}
