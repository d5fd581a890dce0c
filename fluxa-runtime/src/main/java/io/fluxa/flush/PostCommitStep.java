package io.fluxa.flush;

import io.fluxa.Context;

/**
 * Work that runs after every pool of a flush committed, in the order the engine lists the steps:
 * first the cache step ({@link CacheUpdate}), then further steps such as change events or search
 * index updates. A step sees the entities still with their pre-flush state for the loaded values
 * ({@link io.fluxa.row.EntityState#loaded()}) until {@link CacheUpdate} marks them flushed, so steps
 * that need the previous values run before it or capture them in {@link #prepare}.
 */
public interface PostCommitStep {

    /** Called before the SQL runs (after planning); returns what {@link #afterCommit} needs, or null. */
    default Object prepare(Context context, FlushPlan plan) {
        return null;
    }

    /** Called once MySQL committed; {@code prepared} is what {@link #prepare} returned. */
    void afterCommit(Context context, FlushPlan plan, Object prepared);
}
