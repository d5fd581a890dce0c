package io.fluxa.cache;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The default {@link ContextCache}: rows per namespace, each kept until its TTL passes. Not
 * thread-safe, like the context that owns it.
 *
 * <p>Many contexts read a single row and are dropped (one request, one {@code getById}), so the
 * first entry lives in fields of this object: storing and finding it allocates nothing. The tables
 * per namespace are created when a second entry arrives, and the first one moves into them.
 *
 * <p>Two clocks: an entry's expiry is stamped from {@link CoarseNanoClock} (a volatile read, never
 * ahead of {@code System.nanoTime()}, normally at most 1 ms behind it), and {@link #get} compares it
 * with {@code System.nanoTime()}. An entry is therefore never served after its TTL has passed; it
 * may expire up to one tick (more while the clock thread is held up) before. A read that caches a
 * row, as in a fresh context, reads no clock at all.
 *
 * <p>Not final: the engine's context extends it, so creating a context allocates one object, not a
 * context and a cache. Fields left at their zero value by a new context need no store: the
 * cache is off only when {@code disabled}, and a null {@code testClock} means the two clocks above.
 */
public class TtlContextCache implements ContextCache {

    /** The TTL a new context starts with. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);
    private static final long DEFAULT_TTL_NANOS = DEFAULT_TTL.toNanos();

    /** Null: expiries stamped by {@link CoarseNanoClock}, checked with {@code System.nanoTime()}; else both. */
    private final LongSupplier testClock;
    /** Created with the second entry; null while at most the inline entry below is used. */
    private Map<String, RowTable> namespaces;
    /** The inline entry (while {@link #namespaces} is null); {@code firstNamespace} null = none. */
    private String firstNamespace;
    private long firstId;
    private Object firstValue;
    private long firstExpiry;
    /** Entities with pending changes; created on first use. */
    private Map<String, Map<Long, Object>> pinned;
    private boolean disabled;
    private long ttlNanos = DEFAULT_TTL_NANOS;

    public TtlContextCache() {
        this.testClock = null;
    }

    /** @param nanoClock a monotonic nanosecond clock for stamps and checks; tests pass one they control */
    public TtlContextCache(LongSupplier nanoClock) {
        this.testClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Stamps expiries: never ahead of {@link #checkClock}. */
    private long stampClock() {
        LongSupplier clock = testClock;
        return clock == null ? CoarseNanoClock.now() : clock.getAsLong();
    }

    /** Decides whether an entry has expired. */
    private long checkClock() {
        LongSupplier clock = testClock;
        return clock == null ? System.nanoTime() : clock.getAsLong();
    }

    @Override
    public final boolean enabled() {
        return !disabled;
    }

    /** Turns the cache off and forgets everything in it. */
    public final void disable() {
        disabled = true;
        clear();
    }

    public final void setTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("context cache TTL must be positive, got " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
    }

    public final Duration ttl() {
        return Duration.ofNanos(ttlNanos);
    }

    @Override
    public final Object get(String namespace, long id) {
        if (!disabled && id != 0) {
            if (namespaces == null) {
                if (firstNamespace != null && firstId == id && firstNamespace.equals(namespace)) {
                    if (checkClock() - firstExpiry < 0) {
                        return firstValue;
                    }
                    clearFirst();
                }
            } else {
                RowTable rows = namespaces.get(namespace);
                int slot = rows == null ? -1 : rows.find(id);
                if (slot >= 0) {
                    if (checkClock() - rows.expiry(slot) < 0) {
                        return rows.value(slot);
                    }
                    rows.remove(id);
                }
            }
        }
        return pinned == null ? null : pinnedValue(namespace, id);
    }

    private Object pinnedValue(String namespace, long id) {
        Map<Long, Object> rows = pinned.get(namespace);
        return rows == null ? null : rows.get(id);
    }

    @Override
    public final void pin(String namespace, long id, Object value) {
        if (pinned == null) {
            pinned = new HashMap<>();
        }
        pinned.computeIfAbsent(namespace, n -> new HashMap<>()).put(id, value);
    }

    @Override
    public final void unpin(String namespace, long id) {
        Map<Long, Object> rows = pinned == null ? null : pinned.get(namespace);
        if (rows != null) {
            rows.remove(id);
        }
    }

    @Override
    public final void put(String namespace, long id, Object value) {
        if (disabled || id == 0) {
            return;
        }
        long expiry = stampClock() + ttlNanos;
        if (namespaces == null) {
            if (firstNamespace == null || (firstId == id && firstNamespace.equals(namespace))) {
                firstNamespace = namespace;
                firstId = id;
                firstValue = value;
                firstExpiry = expiry;
                return;
            }
            namespaces = new HashMap<>();
            table(firstNamespace).put(firstId, firstValue, firstExpiry);
            clearFirst();
        }
        table(namespace).put(id, value, expiry);
    }

    @Override
    public final void expect(String namespace, int rows) {
        if (disabled || rows < 2) {
            return;
        }
        if (namespaces == null) {
            namespaces = new HashMap<>();
            if (firstNamespace != null) {
                table(firstNamespace).put(firstId, firstValue, firstExpiry);
                clearFirst();
            }
        }
        table(namespace).expect(rows);
    }

    private RowTable table(String namespace) {
        RowTable rows = namespaces.get(namespace);
        if (rows == null) {
            rows = new RowTable();
            namespaces.put(namespace, rows);
        }
        return rows;
    }

    private void clearFirst() {
        firstNamespace = null;
        firstId = 0;
        firstValue = null;
    }

    @Override
    public final void remove(String namespace, long id) {
        if (namespaces == null) {
            if (firstNamespace != null && firstId == id && firstNamespace.equals(namespace)) {
                clearFirst();
            }
            return;
        }
        RowTable rows = namespaces.get(namespace);
        if (rows != null) {
            rows.remove(id);
        }
    }

    @Override
    public final void clear() {
        clearFirst();
        if (namespaces != null) {
            namespaces.clear();
        }
    }
}
