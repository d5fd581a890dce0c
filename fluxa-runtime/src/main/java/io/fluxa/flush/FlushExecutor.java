package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.cache.IdsAhead;
import io.fluxa.cache.IdCounters;
import io.fluxa.cache.ReservedIds;
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

    /** Where {@code flushAsync} hands a planned flush: the producer of the async flush package. */
    @FunctionalInterface
    public interface AsyncSink {
        /**
         * Queues the plan's stream entries on {@code writes} (the caller sends them together with, and
         * behind, the rows written through in immediate mode; {@code writeThroughToken} is their token,
         * null in deferred mode, and travels in the entries) and returns the check to run once they were
         * sent: it throws when an entry did not reach the stream.
         */
        Runnable enqueue(Context context, FlushPlan plan, String writeThroughToken, PostCommitWrites writes);
    }

    private final FlushCallbacks callbacks;
    private final List<PostCommitStep> postCommit;
    private final List<PostCommitStep> furtherSteps;
    private final CacheUpdate cacheStep;
    private final AsyncSink asyncSink;
    private final IdsAhead idsAhead;

    /**
     * @param callbacks the engine's lifecycle callbacks
     * @param furtherSteps post-commit steps that run after the cache step, in order
     * @param asyncSink where {@code flushAsync} sends its operations; null when there is none
     * @param idsAhead the ids the engine reserves ahead (id blocks, or one for a busy table); null: none
     */
    public FlushExecutor(FlushCallbacks callbacks, List<PostCommitStep> furtherSteps, AsyncSink asyncSink,
            IdsAhead idsAhead) {
        this.callbacks = callbacks;
        this.idsAhead = idsAhead;
        this.furtherSteps = List.copyOf(furtherSteps);
        // repairs of rows with a local cache tell the other nodes once Redis took them (see RowCacheWrites)
        this.cacheStep = new CacheUpdate(furtherSteps.stream().filter(LocalCacheBroadcast.class::isInstance)
                .map(LocalCacheBroadcast.class::cast).findFirst().orElse(null), idsAhead);
        List<PostCommitStep> steps = new ArrayList<>();
        steps.add(cacheStep);
        steps.addAll(furtherSteps);
        this.postCommit = List.copyOf(steps);
        this.asyncSink = asyncSink;
    }

    public FlushExecutor(FlushCallbacks callbacks, List<PostCommitStep> furtherSteps) {
        this(callbacks, furtherSteps, null, null);
    }

    /** @return the cache writes Redis did not take after the commit, queued for repair (0 normally) */
    public int flush(Context context, List<Flushable> pending) {
        List<EntityState> work = dirtyWork(pending);
        if (work.isEmpty()) {
            return 0;
        }
        // the id reservation travels to Redis while the plan is made and the MySQL connections are taken
        // (for a transaction that is a round trip of its own), so the two round trips overlap
        IdRanges ids = IdRanges.start(context, work, idsAhead);
        FlushPlan plan;
        SqlWriter.Connections connections;
        try {
            plan = FlushPlan.of(work);
            connections = SqlWriter.open(context, plan);
        } catch (RuntimeException e) {
            ids.assignAfter(e); // as before this overlap: the entities got their ids before anything failed
            throw e;
        }
        List<Runnable> afterFlush;
        Object[] prepared = new Object[postCommit.size()];
        HeldConnections held = new HeldConnections(connections);
        try {
            ids.assign(held::giveBack);
            connections = held.retake(context, plan);
            afterFlush = prepareCallbacks(context, plan);
            for (int i = 0; i < prepared.length; i++) {
                prepared[i] = postCommit.get(i).prepare(context, plan);
            }
        } catch (RuntimeException e) {
            held.giveBack();
            throw e;
        }
        SqlWriter.write(context, plan, connections);
        return runAfterCommit(context, plan, postCommit, prepared, afterFlush);
    }

    /** The entities of {@code pending} a flush writes (new-and-deleted ones are dropped). */
    private static List<EntityState> dirtyWork(List<Flushable> pending) {
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
        return work;
    }

    /** @return the cache writes queued for repair by the cache step (0 when it is not among the steps) */
    private int runAfterCommit(Context context, FlushPlan plan, List<PostCommitStep> steps, Object[] prepared,
            List<Runnable> afterFlush) {
        // every step runs even when an earlier one failed (e.g. the cache update lost Redis): the
        // commit stands, and later steps such as change events must not be skipped because of it
        PostCommitWrites writes = new PostCommitWrites(context);
        List<Runnable> checks = new ArrayList<>(prepared.length);
        RuntimeException failure = null;
        for (int i = 0; i < prepared.length; i++) {
            try {
                Runnable check = steps.get(i).afterCommit(context, plan, prepared[i], writes);
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
        return steps.get(0) == cacheStep ? CacheUpdate.repairsQueued(prepared[0]) : 0;
    }

    /**
     * Does what {@link #flush} does before the SQL (ids, timestamps, required fields, changed columns)
     * and hands the plan to the {@link AsyncSink}. With {@code immediateCacheUpdate} the rows' new values
     * are written through ({@link WriteThrough}: the row caches and the search index) on the same
     * pipeline, right before the stream entries: one Redis round trip per pool for both. The entities are
     * marked flushed only once the entries are confirmed in the stream. The SQL, change events and
     * lifecycle callbacks come when the consumer applies the operations ({@link #applying}).
     */
    public void flushAsync(Context context, List<Flushable> pending, boolean immediateCacheUpdate) {
        if (asyncSink == null) {
            throw new FluxaException("flushAsync needs an engine made by Registry.validate()");
        }
        List<EntityState> work = dirtyWork(pending);
        if (work.isEmpty()) {
            return;
        }
        IdRanges.start(context, work, idsAhead).assign(IdCounters.NOTHING_HELD);
        FlushPlan plan = FlushPlan.of(work);
        PostCommitWrites writes = new PostCommitWrites(context);
        WriteThrough through = immediateCacheUpdate ? new WriteThrough(cacheStep, furtherSteps, context, plan) : null;
        // the rows first: on the shared connection Redis runs them before the XADD, so the consumer can
        // never apply an entry (and invalidate its rows) before its values were written through
        Runnable written = through == null ? null : through.queue(writes);
        Runnable enqueued = asyncSink.enqueue(context, plan, through == null ? null : through.token(), writes);
        writes.send();
        try {
            enqueued.run(); // throws when an entry is not in the stream: the entities stay dirty
        } catch (RuntimeException e) {
            if (through != null) {
                try {
                    through.undo();
                } catch (RuntimeException undoFailure) {
                    e.addSuppressed(undoFailure);
                }
            }
            throw e;
        }
        if (written != null) {
            written.run();
            CacheUpdate.finish(context, plan);
        } else {
            FlushPlan.markFlushed(plan);
        }
    }

    /**
     * MySQL refused an async flush entry whose rows ({@code states}, rebuilt from the entry) were
     * written through: the further steps (the search index) bring what they keep for these rows back in
     * line with MySQL ({@link PostCommitStep#restore}). The cache tiers are the caller's business.
     */
    public void restoreWrittenThrough(Context context, List<EntityState> states) {
        WriteThrough.restore(furtherSteps, context, FlushPlan.of(states));
    }

    /**
     * Prepares the consumer side of an async flush: {@code states} (rebuilt from stream entries of one
     * MySQL pool) are planned like a flush; the caller runs {@link Applying#write} in its own transaction
     * and {@link Applying#afterCommit} once that committed.
     */
    public Applying applying(Context context, List<EntityState> states) {
        return new Applying(context, FlushPlan.of(states));
    }

    /** One planned apply of async flush operations; see {@link #applying}. */
    public final class Applying {
        private final Context context;
        private final FlushPlan plan;

        private Applying(Context context, FlushPlan plan) {
            this.context = context;
            this.plan = plan;
        }

        public FlushPlan plan() {
            return plan;
        }

        /**
         * Runs the statements inside the caller's transaction on the connection of {@code statements},
         * reusing the statements kept there.
         */
        public void write(io.fluxa.mysql.MySqlPool pool, KeptStatements statements) {
            List<FlushPlan.TableWork> tables = plan.byPool().get(pool.code());
            if (tables != null) {
                SqlWriter.writePool(context, pool, statements, tables);
            }
        }

        /**
         * After the commit: the cache step when {@code updateCaches} (else the entities are only marked
         * flushed), then the further steps (search index, change events) and the lifecycle callbacks.
         */
        public void afterCommit(boolean updateCaches) {
            List<PostCommitStep> steps = new ArrayList<>(postCommit.size());
            steps.add(updateCaches ? cacheStep : (c, p, prepared, writes) -> {
                FlushPlan.markFlushed(p);
                return null;
            });
            steps.addAll(furtherSteps);
            List<Runnable> afterFlush = prepareCallbacks(context, plan);
            Object[] prepared = new Object[steps.size()];
            for (int i = 0; i < prepared.length; i++) {
                prepared[i] = steps.get(i).prepare(context, plan);
            }
            runAfterCommit(context, plan, steps, prepared, afterFlush);
        }
    }

    private static RuntimeException collect(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * The ids of a flush's new entities that have none yet: one Redis {@code INCRBY} per table (none
     * while the engine's id block lasts), all sent by {@link #start} and waited for by {@link #assign}.
     */
    private static final class IdRanges {
        private static final IdRanges NONE = new IdRanges(List.of(), List.of());

        private final List<List<EntityState>> entities;
        private final List<IdCounters.PendingIds> reservations;

        private IdRanges(List<List<EntityState>> entities, List<IdCounters.PendingIds> reservations) {
            this.entities = entities;
            this.reservations = reservations;
        }

        static IdRanges start(Context context, List<EntityState> work, IdsAhead ahead) {
            Map<EntityType, List<EntityState>> needIds = null;
            EntityType lastType = null; // the entities come in runs of one type: one map lookup per run
            List<EntityState> lastList = null;
            for (EntityState entity : work) {
                if (entity.isNew() && !entity.hasId()) {
                    if (needIds == null) {
                        needIds = new LinkedHashMap<>();
                    }
                    if (entity.type() != lastType) {
                        lastType = entity.type();
                        lastList = needIds.computeIfAbsent(lastType, p -> new ArrayList<>());
                    }
                    lastList.add(entity);
                }
            }
            if (needIds == null) {
                return NONE;
            }
            List<List<EntityState>> entities = new ArrayList<>(needIds.size());
            List<IdCounters.PendingIds> reservations = new ArrayList<>(needIds.size());
            for (Map.Entry<EntityType, List<EntityState>> entry : needIds.entrySet()) {
                entities.add(entry.getValue());
                reservations.add(IdCounters.start(context, entry.getKey(), entry.getValue().size(), ahead));
            }
            return new IdRanges(entities, reservations);
        }

        /**
         * Waits for every reservation and gives the entities their ids; throws the first failure.
         * {@code beforeSeeding}: see {@link IdCounters.PendingIds#ids}.
         */
        void assign(Runnable beforeSeeding) {
            RuntimeException failure = null;
            for (int t = 0; t < reservations.size(); t++) {
                ReservedIds ids;
                try {
                    ids = reservations.get(t).ids(beforeSeeding);
                } catch (RuntimeException e) {
                    failure = collect(failure, e); // wait for the others too: each reply is read once
                    continue;
                }
                for (EntityState entity : entities.get(t)) {
                    entity.assignId(ids.next());
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        /** {@link #assign} while {@code failure} is being thrown: its own failures are added to it. */
        void assignAfter(RuntimeException failure) {
            try {
                assign(IdCounters.NOTHING_HELD); // the connections were never taken, or are given back already
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
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
