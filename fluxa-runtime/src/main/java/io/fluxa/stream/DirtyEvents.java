package io.fluxa.stream;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.redis.PipelineResult;
import io.fluxa.redis.RedisPipeline;
import io.fluxa.redis.RedisPool;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.DirtyStreamSchema;
import io.fluxa.schema.EntitySchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The dirty-stream events of one flush: collected before the SQL runs (while old values are still
 * known), {@link #send queued} after the commit on the pipelines that carry the cache update, and
 * never sent when the flush fails. This is the flush's only contact with streams.
 *
 * <pre>{@code
 * DirtyEvents events = DirtyEvents.collect(ctx);          // before the transaction
 * events.inserted(schema, id, values); …
 * // commit …
 * DirtyEvents.Sent sent = events.send(pipelines);         // XADDs queued with the cache commands
 * // the pipelines are sent (one round trip per pool) …
 * sent.confirm();                                         // failures are retried in the background
 * }</pre>
 */
public final class DirtyEvents {

    private static final Sent NOTHING_SENT = new Sent(null, List.of(), List.of());

    private record Pending(String stream, StreamRedis redis, Map<String, byte[]> fields, String describe) {
    }

    private final RedisEventBroker broker;
    private final Map<String, String> metaData;
    private final List<Pending> pending = new ArrayList<>();
    private final long now = System.currentTimeMillis();

    private DirtyEvents(RedisEventBroker broker, Map<String, String> metaData) {
        this.broker = broker;
        this.metaData = metaData;
    }

    /** A collector for one flush of {@code context}. */
    public static DirtyEvents collect(Context context) {
        return new DirtyEvents((RedisEventBroker) context.engine().eventBroker(), Map.copyOf(context.metaData()));
    }

    /** True when {@code schema} declares any dirty stream (a cheap check before collecting). */
    public static boolean publishes(EntitySchema schema) {
        return !schema.dirtyStreams().isEmpty();
    }

    /** A new row with {@code values} (canonical column values, ID first). */
    public void inserted(EntitySchema schema, long id, Object[] values) {
        for (DirtyStreamSchema stream : schema.dirtyStreams()) {
            if (stream.ops().indexOf('I') >= 0) {
                add(stream, schema, id, DirtyAction.INSERT, all(schema, values, false));
            }
        }
    }

    /**
     * Changed columns of a row; {@code softDeleted} when the change marked it deleted. An update goes to
     * a stream with trigger fields only when one of them changed, and otherwise to streams with
     * {@code U}; a soft delete goes to streams with {@code D}.
     */
    public void updated(EntitySchema schema, long id, int[] changedColumns, Object[] before, Object[] after,
            boolean softDeleted) {
        Map<String, Object> changes = null;
        for (DirtyStreamSchema stream : schema.dirtyStreams()) {
            boolean publish = softDeleted ? stream.ops().indexOf('D') >= 0 : updatePublishes(stream, schema,
                    changedColumns);
            if (!publish) {
                continue;
            }
            if (changes == null) {
                changes = softDeleted ? both(schema, before, after) : new LinkedHashMap<>();
                for (int c : softDeleted ? new int[0] : changedColumns) {
                    changes.put(schema.columns().get(c).fieldPath(), Arrays.asList(before[c], after[c]));
                }
            }
            add(stream, schema, id, softDeleted ? DirtyAction.SOFT_DELETE : DirtyAction.UPDATE, changes);
        }
    }

    /** A removed row that held {@code before}. */
    public void deleted(EntitySchema schema, long id, Object[] before) {
        for (DirtyStreamSchema stream : schema.dirtyStreams()) {
            if (stream.ops().indexOf('D') >= 0) {
                add(stream, schema, id, DirtyAction.DELETE, all(schema, before, true));
            }
        }
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    public int size() {
        return pending.size();
    }

    private static boolean updatePublishes(DirtyStreamSchema stream, EntitySchema schema, int[] changedColumns) {
        if (stream.triggerColumns().isEmpty()) {
            return stream.ops().indexOf('U') >= 0;
        }
        for (int c : changedColumns) {
            if (stream.triggerColumns().contains(schema.columns().get(c).name())) {
                return true;
            }
        }
        return false;
    }

    /** Every field with its old and new value: a soft-deleted row is gone for consumers, like a deleted one. */
    private static Map<String, Object> both(EntitySchema schema, Object[] before, Object[] after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        List<ColumnSchema> columns = schema.columns();
        for (int c = 1; c < columns.size(); c++) {
            changes.put(columns.get(c).fieldPath(), Arrays.asList(before[c], after[c]));
        }
        return changes;
    }

    private static Map<String, Object> all(EntitySchema schema, Object[] row, boolean old) {
        Map<String, Object> changes = new LinkedHashMap<>();
        List<ColumnSchema> columns = schema.columns();
        for (int c = 1; c < columns.size(); c++) {
            Object value = row == null ? null : row[c];
            changes.put(columns.get(c).fieldPath(), old ? Arrays.asList(value, null) : Arrays.asList(null, value));
        }
        return changes;
    }

    private void add(DirtyStreamSchema stream, EntitySchema schema, long id, DirtyAction action,
            Map<String, Object> changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(DirtyEvent.ENTITY, schema.entityName());
        body.put(DirtyEvent.ID, id);
        body.put(DirtyEvent.ACTION, action.name());
        body.put(DirtyEvent.TIME, now);
        body.put(DirtyEvent.META, metaData);
        body.put(DirtyEvent.CHANGES, changes);
        Map<String, String> headers = Map.of(DirtyEvent.ENTITY_HEADER, schema.entityName(),
                DirtyEvent.ACTION_HEADER, action.name());
        pending.add(new Pending(stream.name(), broker.redis(stream.name()),
                StreamEntries.fields(broker.encode(stream.name(), body), headers),
                schema.entityName() + "#" + id + " " + action));
    }

    /**
     * Queues every collected event ({@code XADD}) on {@code pipelines} (the pipeline to a pool), to be
     * called after the commit; {@link Sent#confirm()} reads the replies once the pipelines were sent.
     */
    public Sent send(Function<RedisPool, RedisPipeline> pipelines) {
        if (pending.isEmpty()) {
            return NOTHING_SENT;
        }
        List<PipelineResult<String>> results = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            results.add(pipelines.apply(p.redis().pool()).xAddBytes(p.stream(), p.fields()));
        }
        return new Sent(broker, List.copyOf(pending), results);
    }

    /** Events on their way to Redis. */
    public static final class Sent {
        private final RedisEventBroker broker;
        private final List<Pending> events;
        private final List<PipelineResult<String>> results;

        private Sent(RedisEventBroker broker, List<Pending> events, List<PipelineResult<String>> results) {
            this.broker = broker;
            this.events = events;
            this.results = results;
        }

        /**
         * Reads the replies, once the pipelines were sent. Never throws: an event Redis did not take is
         * handed to the broker's background retries, and logged and counted as dropped when those give up.
         */
        public void confirm() {
            for (int i = 0; i < results.size(); i++) {
                Pending p = events.get(i);
                try {
                    results.get(i).get();
                    broker.counters().add(StreamCounters.Kind.PUBLISHED, p.stream(), null, 1);
                } catch (FluxaException | IllegalStateException e) {
                    FluxaException failure = e instanceof FluxaException f ? f : new FluxaException(
                            "XADD " + p.stream() + " was not sent: " + e.getMessage(), e);
                    broker.retries().retry(p.redis(), p.stream(), p.fields(), p.describe(), failure);
                }
            }
        }
    }
}
