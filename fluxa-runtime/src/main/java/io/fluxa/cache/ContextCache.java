package io.fluxa.cache;

/**
 * The per-context entity cache: rows a context already loaded, kept for a short TTL (1 s by
 * default) so repeated reads in one unit of work cost nothing. Not thread-safe, like the context.
 * A cached "not found" is stored as {@link #NOT_FOUND}. Entities with pending changes are pinned: the
 * identity map of the context.
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

    /**
     * The cached value, {@link #NOT_FOUND}, or null when nothing (fresh) is cached. A pinned value
     * is returned whatever its age, also while the cache is disabled.
     */
    Object get(String namespace, long id);

    /**
     * Keeps {@code value} as the answer for this id until {@link #unpin}, past the TTL and while the
     * cache is disabled: the context pins an entity while it has pending changes, so every read of
     * its id returns that same object.
     */
    void pin(String namespace, long id, Object value);

    void unpin(String namespace, long id);

    void put(String namespace, long id, Object value);

    /**
     * A hint before {@code rows} puts of new ids into {@code namespace} (a flush that inserted many
     * rows): room for them is made once instead of growing step by step. Changes nothing visible.
     */
    default void expect(String namespace, int rows) {
    }

    void remove(String namespace, long id);

    void clear();
}
