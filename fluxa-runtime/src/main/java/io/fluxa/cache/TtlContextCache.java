package io.fluxa.cache;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The default {@link ContextCache}: rows per namespace, each kept until its TTL passes. Not
 * thread-safe, like the context that owns it.
 */
public final class TtlContextCache implements ContextCache {

    /** The TTL a new context starts with. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);

    private final LongSupplier nanoClock;
    private final Map<String, Map<Long, Entry>> namespaces = new HashMap<>();
    private boolean enabled = true;
    private long ttlNanos = DEFAULT_TTL.toNanos();

    public TtlContextCache() {
        this(System::nanoTime);
    }

    /** @param nanoClock a monotonic nanosecond clock; tests pass one they control */
    public TtlContextCache(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    private record Entry(Object value, long expiresAtNanos) {
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** Turns the cache off and forgets everything in it. */
    public void disable() {
        enabled = false;
        namespaces.clear();
    }

    public void setTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("context cache TTL must be positive, got " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
    }

    public Duration ttl() {
        return Duration.ofNanos(ttlNanos);
    }

    @Override
    public Object get(String namespace, long id) {
        if (!enabled) {
            return null;
        }
        Map<Long, Entry> rows = namespaces.get(namespace);
        if (rows == null) {
            return null;
        }
        Entry entry = rows.get(id);
        if (entry == null) {
            return null;
        }
        if (nanoClock.getAsLong() - entry.expiresAtNanos >= 0) {
            rows.remove(id);
            return null;
        }
        return entry.value;
    }

    @Override
    public void put(String namespace, long id, Object value) {
        if (!enabled) {
            return;
        }
        namespaces.computeIfAbsent(namespace, n -> new HashMap<>())
                .put(id, new Entry(value, nanoClock.getAsLong() + ttlNanos));
    }

    @Override
    public void remove(String namespace, long id) {
        Map<Long, Entry> rows = namespaces.get(namespace);
        if (rows != null) {
            rows.remove(id);
        }
    }

    @Override
    public void clear() {
        namespaces.clear();
    }
}
