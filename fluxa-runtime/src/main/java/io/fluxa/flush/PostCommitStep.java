package io.fluxa.flush;

import io.fluxa.Context;

/**
 * Work that runs after every pool of a flush committed, in the order the engine lists the steps:
 * first the cache step ({@link CacheUpdate}), then further steps such as search index updates or
 * change events. A step sees the entities still with their pre-flush state for the loaded values
 * ({@link io.fluxa.row.EntityState#loaded()}) until {@link CacheUpdate} marks them flushed, so steps
 * that need the previous values capture them in {@link #prepare}.
 *
 * <p>Steps do not talk to Redis themselves: {@link #afterCommit} queues their commands on the flush's
 * {@link PostCommitWrites}, which sends them once every step queued (one round trip per Redis pool),
 * and the returned check then reads the replies.
 */
public interface PostCommitStep {

    /** Called before the SQL runs (after planning); returns what {@link #afterCommit} needs, or null. */
    default Object prepare(Context context, FlushPlan plan) {
        return null;
    }

    /**
     * Called once MySQL committed; {@code prepared} is what {@link #prepare} returned. Does the step's
     * local work and queues its Redis commands on {@code writes}.
     *
     * @return what to run once the writes were sent — it reads this step's replies and throws when the
     *     step's writes failed — or null when there is nothing to check
     */
    Runnable afterCommit(Context context, FlushPlan plan, Object prepared, PostCommitWrites writes);
}
