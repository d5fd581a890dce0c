package io.fluxa.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends query events to registered handlers and, when debug is on, to the SLF4J logger
 * {@code io.fluxa.debug}. {@link #enabled} is a few field reads, so callers can skip timing when
 * nobody listens. Not thread-safe for registration (like the context that owns it); logging from
 * the pool threads a context uses is fine.
 */
public final class DispatchingQueryLogger implements QueryLogger {

    private static final Logger DEBUG = LoggerFactory.getLogger("io.fluxa.debug");

    private final List<QueryLogRegistration> registrations;
    private final Supplier<Map<String, String>> metaData;
    private final boolean[] debug = new boolean[QuerySource.values().length];
    private final boolean[] wanted = new boolean[QuerySource.values().length];

    /**
     * @param inherited registrations that apply to every context (engine-level, e.g. metrics)
     * @param metaData the owning context's metadata, snapshotted per event
     */
    public DispatchingQueryLogger(List<QueryLogRegistration> inherited, Supplier<Map<String, String>> metaData) {
        this.registrations = new ArrayList<>(inherited);
        this.metaData = metaData;
        recompute();
    }

    /** A copy with the same registrations and debug flags, reporting another context's metadata. */
    public DispatchingQueryLogger copyFor(Supplier<Map<String, String>> otherMetaData) {
        DispatchingQueryLogger copy = new DispatchingQueryLogger(registrations, otherMetaData);
        System.arraycopy(debug, 0, copy.debug, 0, debug.length);
        copy.recompute();
        return copy;
    }

    public void register(QueryLogRegistration registration) {
        registrations.add(registration);
        recompute();
    }

    public void enableDebug(boolean mysql, boolean redis, boolean localCache) {
        debug[QuerySource.MYSQL.ordinal()] |= mysql;
        debug[QuerySource.REDIS.ordinal()] |= redis;
        debug[QuerySource.LOCAL_CACHE.ordinal()] |= localCache;
        recompute();
    }

    private void recompute() {
        for (QuerySource source : QuerySource.values()) {
            boolean any = debug[source.ordinal()];
            for (QueryLogRegistration r : registrations) {
                any |= r.wants(source);
            }
            wanted[source.ordinal()] = any;
        }
    }

    @Override
    public boolean enabled(QuerySource source) {
        return wanted[source.ordinal()];
    }

    @Override
    public void log(QuerySource source, String pool, String operation, String query, long startNanos,
            boolean cacheMiss, Throwable error) {
        if (!wanted[source.ordinal()]) {
            return;
        }
        long micros = Math.max(0, (System.nanoTime() - startNanos) / 1_000);
        Instant finished = Instant.now();
        QueryEvent event = new QueryEvent(source, pool, operation, query, micros, finished.minusNanos(micros * 1_000),
                finished, cacheMiss, error, Map.copyOf(metaData.get()));
        for (QueryLogRegistration r : registrations) {
            if (r.wants(source)) {
                r.handler().handle(event);
            }
        }
        if (debug[source.ordinal()]) {
            debugLine(event);
        }
    }

    private static void debugLine(QueryEvent e) {
        String line = String.format("[fluxa %s %s] %-8s %6d µs%s %s%s", e.source().name().toLowerCase(), e.pool(),
                e.operation(), e.micros(), e.cacheMiss() ? " MISS" : "", e.query(),
                e.error() == null ? "" : "  ERROR " + e.error());
        if (e.error() == null) {
            DEBUG.info(line);
        } else {
            DEBUG.warn(line);
        }
    }
}
