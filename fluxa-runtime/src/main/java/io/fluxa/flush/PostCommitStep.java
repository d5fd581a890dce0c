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

    /**
     * An immediate async flush ({@code flushAsync(true)}): queues on {@code writes}, ahead of the stream
     * entries, what this step shows in Redis for the plan's new values before MySQL has them. The
     * consumer runs {@link #afterCommit} for the same rows once it applied them. The default does
     * nothing: the step happens only when the consumer applies.
     *
     * @return what to run once the entries are confirmed in the stream, or null
     */
    default Runnable writeThrough(Context context, FlushPlan plan, PostCommitWrites writes) {
        return null;
    }

    /**
     * The plan's rows were written through ({@link #writeThrough}), but MySQL may not hold them as
     * planned (the entry may not have reached the stream, or MySQL refused it): brings what this step
     * keeps in Redis for these rows back in line with MySQL. The default does nothing.
     */
    default void restore(Context context, FlushPlan plan) {
    }
}
