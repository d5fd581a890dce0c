package io.fluxa.flush;

import io.fluxa.Context;

import java.util.List;

/**
 * Runs a context's pending changes. The engine holds one; {@link Context#flush()} hands it the
 * tracked entities in the order they were first changed.
 */
public interface FlushExecutor {

    /**
     * Writes {@code pending}. On success the entities are no longer dirty; on failure nothing is
     * written anywhere and they stay dirty.
     */
    void flush(Context context, List<Flushable> pending);

    /** Queues {@code pending} on the async flush stream. */
    void flushAsync(Context context, List<Flushable> pending, boolean immediateCacheUpdate);
}
