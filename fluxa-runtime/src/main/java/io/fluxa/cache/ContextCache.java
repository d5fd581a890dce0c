package io.fluxa.cache;

/**
 * The per-context entity cache: rows a context already loaded, kept for a short TTL (1 s by
 * default) so repeated reads in one unit of work cost nothing. Not thread-safe, like the context.
 * A cached "not found" is stored as {@link #NOT_FOUND}.
 */
public interface ContextCache {

    /** Marks an id known to be absent. */
    Object NOT_FOUND = new Object() {
        @Override
        public String toString() {
            return "NOT_FOUND";
        }
    };

    boolean enabled();

    /** The cached value, {@link #NOT_FOUND}, or null when nothing (fresh) is cached. */
    Object get(String namespace, long id);

    void put(String namespace, long id, Object value);

    void remove(String namespace, long id);

    void clear();
}
