package io.fluxa.read;

import io.fluxa.Context;
import io.fluxa.cache.ContextCache;
import io.fluxa.row.EntityType;

/**
 * The context's identity map: rows become entity objects here, and an id the context already
 * holds (cached, or tracked with pending changes) is answered with that same object.
 */
final class ContextRows {

    private ContextRows() {
    }

    /** Wraps a loaded row in a new entity and keeps it in the context cache. */
    static Object remember(Context context, EntityType type, long id, Object[] row) {
        Object entity = type.create(context, id, row, false).entity();
        context.contextCache().put(type.table(), id, entity);
        return entity;
    }

    static void rememberNotFound(Context context, EntityType type, long id) {
        context.contextCache().put(type.table(), id, ContextCache.NOT_FOUND);
    }

    /** A row read by a search: the context's object when it already has one, else a new one. */
    static Object fromSearch(Context context, EntityType type, Object[] row) {
        long id = (Long) row[0];
        Object cached = context.contextCache().get(type.table(), id);
        if (cached != null && cached != ContextCache.NOT_FOUND) {
            return cached;
        }
        return remember(context, type, id, row);
    }
}
