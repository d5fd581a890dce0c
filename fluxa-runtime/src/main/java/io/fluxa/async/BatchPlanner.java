package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.async.AsyncApplier.Raw;
import io.fluxa.flush.FlushExecutor;
import io.fluxa.row.EntityState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a batch's raw entries into flush plans for {@link AsyncApplier}: decoded entries, split into
 * segments, each one plan. The batch after the one being applied is planned ahead on the consumer's
 * side thread ({@link SideWork}), so its decoding and planning overlap MySQL's work on the current one.
 * Planning has no effect outside the plan (no statement, no cache, no callback), so a plan that is not
 * used is simply dropped. The consumer thread only, except the work given to the side thread.
 */
final class BatchPlanner {

    /** A stream entry, decoded ({@code error} set instead when it does not decode). */
    record Decoded(Raw raw, AsyncEntry entry, RuntimeException error) {
    }

    /** One plan of consecutive entries; its statements run with {@link FlushExecutor.Applying#write}. */
    record Segment(List<Decoded> entries, FlushExecutor.Applying applying) {
    }

    /** A batch planned ahead ({@code segments} null when an entry did not decode). */
    record Planned(List<Decoded> decoded, List<Segment> segments) {
    }

    /** The batch being planned ahead: its first and last id and its size, to know it when it comes. */
    private record Ahead(String first, String last, int size, CompletableFuture<Planned> planned) {
    }

    private final Engine engine;
    private final FlushExecutor executor;
    private final SideWork side;
    /** Entity types by name: those of the consumer thread, and those of the side thread. */
    private final EntryStates.Types types = new EntryStates.Types();
    private final EntryStates.Types sideTypes = new EntryStates.Types();
    private Ahead ahead;

    BatchPlanner(Engine engine, FlushExecutor executor, SideWork side) {
        this.engine = engine;
        this.executor = executor;
        this.side = side;
    }

    /**
     * Starts decoding and planning {@code next} (null: not known yet), the batch expected after the one
     * about to be applied, on the side thread; {@link #take} hands the result out when that batch comes.
     */
    void planAhead(List<Raw> next) {
        ahead = null;
        if (next == null || next.isEmpty()) {
            return;
        }
        List<Raw> batch = List.copyOf(next);
        ahead = new Ahead(batch.get(0).id(), batch.get(batch.size() - 1).id(), batch.size(), side.compute(() -> {
            List<Decoded> decoded = decode(batch);
            for (Decoded d : decoded) {
                if (d.error() != null) {
                    return new Planned(decoded, null);
                }
            }
            return new Planned(decoded, plan(decoded, sideTypes));
        }));
    }

    /**
     * What was planned ahead for {@code batch}, or null: none was asked for, it was for another batch
     * (entries of the same ids are the same entries), or planning failed (the caller plans again and meets
     * the failure where it always did).
     */
    Planned take(List<Raw> batch) {
        Ahead expected = ahead;
        ahead = null;
        if (expected == null || batch.size() != expected.size() || !batch.get(0).id().equals(expected.first())
                || !batch.get(batch.size() - 1).id().equals(expected.last())) {
            return null;
        }
        return SideWork.resultOrNull(expected.planned());
    }

    /** Drops what is planned ahead (the consumer starts over from the offset row). */
    void forget() {
        ahead = null;
    }

    static List<Decoded> decode(List<Raw> batch) {
        List<Decoded> decoded = new ArrayList<>(batch.size());
        for (Raw raw : batch) {
            try {
                decoded.add(new Decoded(raw, AsyncEntry.decode(raw.body()), null));
            } catch (RuntimeException e) {
                decoded.add(new Decoded(raw, null, e));
            }
        }
        return decoded;
    }

    /** The plans of {@code entries} (all decoded), one per segment, on the consumer thread. */
    List<Segment> plan(List<Decoded> entries) {
        return plan(entries, types);
    }

    private List<Segment> plan(List<Decoded> entries, EntryStates.Types known) {
        List<List<Decoded>> segments = segments(entries);
        List<Segment> plans = new ArrayList<>(segments.size());
        for (List<Decoded> segment : segments) {
            Context context = engine.newContext();
            context.disableContextCache(); // thrown away after the batch: keeping the applied rows in it is wasted work
            segment.get(0).entry().metadata().forEach(context::setMetaData);
            List<EntityState> states = new ArrayList<>(segment.size()); // mostly one op per entry
            for (Decoded d : segment) {
                EntryStates.addTo(states, context, d.entry(), known);
            }
            plans.add(new Segment(segment, executor.applying(context, states)));
        }
        return plans;
    }

    /**
     * Splits entries where merging them into one plan could change the outcome: before an entry that
     * touches a row an earlier entry of the segment touched, or whose metadata or cache mode differ.
     */
    private static List<List<Decoded>> segments(List<Decoded> entries) {
        List<List<Decoded>> segments = new ArrayList<>(1);
        List<Decoded> current = new ArrayList<>(entries.size()); // mostly the whole batch is one segment
        RowSet rows = new RowSet(entries.size());
        for (Decoded d : entries) {
            AsyncEntry entry = d.entry();
            boolean conflict = false;
            if (!current.isEmpty()) {
                AsyncEntry first = current.get(0).entry();
                conflict = first.immediate() != entry.immediate() || !first.metadata().equals(entry.metadata());
                for (AsyncEntry.Op op : entry.ops()) {
                    conflict |= rows.contains(op.entity(), op.id());
                }
            }
            if (conflict) {
                segments.add(current);
                current = new ArrayList<>();
                rows.clear();
            }
            current.add(d);
            for (AsyncEntry.Op op : entry.ops()) {
                rows.add(op.entity(), op.id());
            }
        }
        if (!current.isEmpty()) {
            segments.add(current);
        }
        return segments;
    }
}
