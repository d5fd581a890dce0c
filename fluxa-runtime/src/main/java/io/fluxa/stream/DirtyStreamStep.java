package io.fluxa.stream;

import io.fluxa.Context;
import io.fluxa.flush.FlushPlan;
import io.fluxa.flush.PostCommitStep;
import io.fluxa.flush.PostCommitWrites;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.schema.EntitySchema;

/**
 * The flush's post-commit step for {@code @DirtyStream}s: {@link #prepare} builds the events of the
 * flush before the SQL runs (while the old values are known; a flush that then fails sends nothing),
 * {@link #afterCommit} queues their {@code XADD}s on the flush's shared pipelines once every pool
 * committed, so they travel in the same round trip as the cache update. Redis failures never fail the flush:
 * see {@link DirtyEvents.Sent#confirm()}.
 */
public final class DirtyStreamStep implements PostCommitStep {

    @Override
    public Object prepare(Context context, FlushPlan plan) {
        DirtyEvents events = null;
        for (FlushPlan.TableWork table : plan.tables()) {
            EntityType type = table.type();
            EntitySchema schema = type.schema();
            if (!DirtyEvents.publishes(schema)) {
                continue;
            }
            if (events == null) {
                events = DirtyEvents.collect(context);
            }
            for (EntityState entity : table.inserts()) {
                events.inserted(schema, entity.id(), entity.values());
            }
            for (int i = 0; i < table.updates().size(); i++) {
                EntityState entity = table.updates().get(i);
                int[] changed = table.updatedColumns(i);
                events.updated(schema, entity.id(), changed, entity.loaded(), entity.values(),
                        softDeletes(type, changed, entity.values()));
            }
            for (EntityState entity : table.deletes()) {
                events.deleted(schema, entity.id(), entity.loaded());
            }
        }
        return events;
    }

    @Override
    public Runnable afterCommit(Context context, FlushPlan plan, Object prepared, PostCommitWrites writes) {
        if (prepared instanceof DirtyEvents events && !events.isEmpty()) {
            return events.send(writes::pipeline)::confirm;
        }
        return null;
    }

    /** True when this update sets the soft-delete flag. */
    private static boolean softDeletes(EntityType type, int[] changed, Object[] values) {
        int flag = type.fakeDeleteIndex();
        if (flag < 0 || !type.isSoftDeleted(values)) {
            return false;
        }
        for (int c : changed) {
            if (c == flag) {
                return true;
            }
        }
        return false;
    }
}
