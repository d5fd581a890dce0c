package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.cache.IdCounters;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.row.Flushable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a context's pending entities, in four steps: ids for new entities (one Redis INCRBY per
 * table), the {@link FlushPlan}, the SQL ({@link SqlWriter}: one transaction per MySQL pool), and
 * once every pool committed the {@link PostCommitStep}s — the cache step first, their Redis writes sent
 * together in one round trip per pool ({@link PostCommitWrites}) — and the lifecycle callbacks. When
 * any statement fails every pool is rolled back, no cache is touched, nothing is published and the
 * entities keep their pending changes. One per engine.
 *
 * <p>What the context does: {@link Context#track} keeps each entity state once (by identity) in
 * first-tracked order; {@code flush()} passes that list here and forgets it only when this method
 * returns normally, so after an exception the same entities are flushed again by the next
 * {@code flush()}; {@code clearFlush()} forgets the list.
 */
public final class FlushExecutor {

    private final FlushCallbacks callbacks;
    private final List<PostCommitStep> postCommit;

    /**
     * @param callbacks the engine's lifecycle callbacks
     * @param furtherSteps post-commit steps that run after the cache step, in order
     */
    public FlushExecutor(FlushCallbacks callbacks, List<PostCommitStep> furtherSteps) {
        this.callbacks = callbacks;
        List<PostCommitStep> steps = new ArrayList<>();
        steps.add(new CacheUpdate());
        steps.addAll(furtherSteps);
        this.postCommit = List.copyOf(steps);
    }

    /** @return the cache writes Redis did not take after the commit, queued for repair (0 normally) */
    public int flush(Context context, List<Flushable> pending) {
        List<EntityState> work = new ArrayList<>(pending.size());
        for (Flushable flushable : pending) {
            if (!(flushable instanceof EntityState entity)) {
                throw new FluxaException("cannot flush " + flushable.getClass().getName()
                        + ": only generated Fluxa entities can be flushed");
            }
            if (entity.isNew() && entity.deleteRow()) {
                continue; // created and deleted in the same unit of work: nothing to write
            }
            if (entity.isDirty()) {
                work.add(entity);
            }
        }
        if (work.isEmpty()) {
            return 0;
        }
        assignIds(context, work);
        FlushPlan plan = FlushPlan.of(work);
        List<Runnable> afterFlush = prepareCallbacks(context, plan);
        Object[] prepared = new Object[postCommit.size()];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = postCommit.get(i).prepare(context, plan);
        }
        SqlWriter.write(context, plan);
        // every step runs even when an earlier one failed (e.g. the cache update lost Redis): the
        // commit stands, and later steps such as change events must not be skipped because of it
        PostCommitWrites writes = new PostCommitWrites(context);
        List<Runnable> checks = new ArrayList<>(prepared.length);
        RuntimeException failure = null;
        for (int i = 0; i < prepared.length; i++) {
            try {
                Runnable check = postCommit.get(i).afterCommit(context, plan, prepared[i], writes);
                if (check != null) {
                    checks.add(check);
                }
            } catch (RuntimeException e) {
                failure = collect(failure, e);
            }
        }
        writes.send(); // one round trip per Redis pool for every step's writes
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (RuntimeException e) {
                failure = collect(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        for (Runnable callback : afterFlush) {
            callback.run();
        }
        return CacheUpdate.repairsQueued(prepared[0]);
    }

    public void flushAsync(Context context, List<Flushable> pending, boolean immediateCacheUpdate) {
        throw new FluxaException("flushAsync is not available yet: asynchronous flush through Redis Streams "
                + "is planned in a later release; use flush() for now");
    }

    private static RuntimeException collect(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** One Redis INCRBY per table for every new entity that has no id yet. */
    private static void assignIds(Context context, List<EntityState> work) {
        Map<EntityType, List<EntityState>> needIds = new LinkedHashMap<>();
        for (EntityState entity : work) {
            if (entity.isNew() && !entity.hasId()) {
                needIds.computeIfAbsent(entity.type(), p -> new ArrayList<>()).add(entity);
            }
        }
        for (Map.Entry<EntityType, List<EntityState>> entry : needIds.entrySet()) {
            List<EntityState> entities = entry.getValue();
            long first = IdCounters.reserve(context, entry.getKey(), entities.size());
            for (EntityState entity : entities) {
                entity.assignId(first++);
            }
        }
    }

    /**
     * Collects the lifecycle callbacks to run once everything is written. The previous values of
     * updated columns are captured now, before the entities are marked flushed.
     */
    private List<Runnable> prepareCallbacks(Context context, FlushPlan plan) {
        if (callbacks.isEmpty()) {
            return List.of();
        }
        List<Runnable> calls = new ArrayList<>();
        for (FlushPlan.TableWork table : plan.tables()) {
            EntityType type = table.type();
            if (!callbacks.has(type)) {
                continue;
            }
            for (EntityState entity : table.inserts()) {
                calls.add(() -> callbacks.fire(type, FlushCallbacks.Event.INSERT, context, entity.entity(), null));
            }
            for (int i = 0; i < table.updates().size(); i++) {
                EntityState entity = table.updates().get(i);
                int[] changed = table.updatedColumns(i);
                if (FlushPlan.contains(changed, type.fakeDeleteIndex()) && type.isSoftDeleted(entity.values())) {
                    calls.add(() -> callbacks.fire(type, FlushCallbacks.Event.DELETE, context, entity.entity(), null));
                    continue;
                }
                Map<String, Object> previous = new LinkedHashMap<>();
                for (int column : changed) {
                    previous.put(type.schema().columns().get(column).fieldPath(), entity.loaded()[column]);
                }
                Map<String, Object> unmodifiable = Collections.unmodifiableMap(previous);
                calls.add(() -> callbacks.fire(type, FlushCallbacks.Event.UPDATE, context, entity.entity(),
                        unmodifiable));
            }
            for (EntityState entity : table.deletes()) {
                calls.add(() -> callbacks.fire(type, FlushCallbacks.Event.DELETE, context, entity.entity(), null));
            }
        }
        return calls;
    }
}
