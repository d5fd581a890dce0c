package io.fluxa.flush;

import io.fluxa.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The immediate cache update of one {@code flushAsync(true)}: the plan's new values go to the row
 * caches ({@link CacheUpdate#writeThrough}, marked with a random token of this flush) and to what the
 * further post-commit steps show before MySQL has them ({@link PostCommitStep#writeThrough}: the search
 * index), all queued on the flush's pipelines ahead of the stream entries. When an entry did not (or
 * may not have) reach the stream, {@link #undo} takes the values back out again.
 */
final class WriteThrough {

    private final CacheUpdate cacheStep;
    private final List<PostCommitStep> furtherSteps;
    private final Context context;
    private final FlushPlan plan;
    private final String token = newToken();

    WriteThrough(CacheUpdate cacheStep, List<PostCommitStep> furtherSteps, Context context, FlushPlan plan) {
        this.cacheStep = cacheStep;
        this.furtherSteps = furtherSteps;
        this.context = context;
        this.plan = plan;
    }

    /** The token marking the rows this flush wrote through; it travels in the stream entries. */
    String token() {
        return token;
    }

    /**
     * Queues every write on {@code writes}; returns what to run once the entries are confirmed in the
     * stream (the local caches, the other nodes' drop message, the steps' checks).
     */
    Runnable queue(PostCommitWrites writes) {
        List<Runnable> checks = new ArrayList<>(1 + furtherSteps.size());
        checks.add(cacheStep.writeThrough(context, plan, writes, token));
        for (PostCommitStep step : furtherSteps) {
            Runnable check = step.writeThrough(context, plan, writes);
            if (check != null) {
                checks.add(check);
            }
        }
        return () -> checks.forEach(Runnable::run);
    }

    /**
     * The entry did not (or may not have) reach the stream, but the rows may have been written through:
     * they are invalidated like after a flush (queued for repair when Redis does not take it), and the
     * further steps restore MySQL's rows, so no tier keeps values that may never reach MySQL.
     */
    void undo() {
        PostCommitWrites undo = new PostCommitWrites(context);
        Runnable invalidated = cacheStep.invalidate(context, plan, new int[1], undo);
        undo.send();
        if (invalidated != null) {
            invalidated.run();
        }
        restore(furtherSteps, context, plan);
    }

    /** Each further step brings what it keeps for the plan's rows back in line with MySQL. */
    static void restore(List<PostCommitStep> furtherSteps, Context context, FlushPlan plan) {
        for (PostCommitStep step : furtherSteps) {
            step.restore(context, plan);
        }
    }

    /** A random non-zero token marking the rows one immediate {@code flushAsync} wrote through. */
    private static String newToken() {
        long token;
        do {
            token = ThreadLocalRandom.current().nextLong();
        } while (token == 0);
        return Long.toHexString(token);
    }
}
