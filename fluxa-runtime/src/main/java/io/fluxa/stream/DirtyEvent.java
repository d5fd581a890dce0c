package io.fluxa.stream;

import io.fluxa.FluxaException;

import java.math.BigDecimal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A typed view of an event published by a {@code @DirtyStream}: which entity, which row, what
 * happened, the changed fields with old and new values, the flushing context's metadata and the time.
 *
 * <pre>{@code
 * consumer.poll(event -> {
 *     DirtyEvent change = DirtyEvent.of(event);
 *     if (change.action() == DirtyAction.UPDATE && change.changed("status")) {
 *         notify(change.id(), change.oldValue("status", String.class), change.newValue("status", String.class));
 *     }
 * });
 * }</pre>
 */
public final class DirtyEvent {

    static final String ENTITY = "entity";
    static final String ID = "id";
    static final String ACTION = "action";
    static final String TIME = "time";
    static final String META = "meta";
    static final String CHANGES = "changes";
    /** Header naming the entity, so consumers can skip events without decoding the body. */
    public static final String ENTITY_HEADER = "fluxa-entity";
    /** Header with the {@link DirtyAction} name. */
    public static final String ACTION_HEADER = "fluxa-action";

    private final Event event;
    private final String entity;
    private final long id;
    private final DirtyAction action;
    private final long timeMillis;
    private final Map<String, String> metaData;
    private final Map<String, FieldChange> changes;

    private DirtyEvent(Event event, String entity, long id, DirtyAction action, long timeMillis,
            Map<String, String> metaData, Map<String, FieldChange> changes) {
        this.event = event;
        this.entity = entity;
        this.id = id;
        this.action = action;
        this.timeMillis = timeMillis;
        this.metaData = Collections.unmodifiableMap(metaData);
        this.changes = Collections.unmodifiableMap(changes);
    }

    /** Reads a dirty-stream event; fails clearly when {@code event} was published by something else. */
    public static DirtyEvent of(Event event) {
        if (!(event.body() instanceof Map<?, ?> body) || !(body.get(ENTITY) instanceof String entity)
                || !(body.get(ID) instanceof Long id) || !(body.get(ACTION) instanceof String action)) {
            throw new FluxaException("event " + event.id() + " of stream " + event.stream()
                    + " is not a dirty-stream event (its body has no entity, id and action)");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        if (body.get(META) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> meta.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        if (body.get(CHANGES) instanceof Map<?, ?> c) {
            c.forEach((field, pair) -> {
                if (pair instanceof List<?> values && values.size() == 2) {
                    changes.put(String.valueOf(field), new FieldChange(values.get(0), values.get(1)));
                }
            });
        }
        long time = body.get(TIME) instanceof Long t ? t : event.timestampMillis();
        return new DirtyEvent(event, entity, id, DirtyAction.valueOf(action), time, meta, changes);
    }

    /** The underlying stream event (id, headers, delivery count). */
    public Event event() {
        return event;
    }

    /** The entity name, e.g. {@code Product}. */
    public String entity() {
        return entity;
    }

    public long id() {
        return id;
    }

    public DirtyAction action() {
        return action;
    }

    /** When the flush committed. */
    public Instant time() {
        return Instant.ofEpochMilli(timeMillis);
    }

    /** The flushing context's metadata ({@code ctx.setMetaData}). */
    public Map<String, String> metaData() {
        return metaData;
    }

    /** Field name → change: every field on insert, delete and soft delete, the changed ones on update. */
    public Map<String, FieldChange> changes() {
        return changes;
    }

    public Set<String> changedFields() {
        return changes.keySet();
    }

    /** True when the event carries {@code field} (by its Java field path, e.g. {@code name}, {@code home.city}). */
    public boolean changed(String field) {
        return changes.containsKey(field);
    }

    public Object oldValue(String field) {
        return change(field).oldValue();
    }

    public Object newValue(String field) {
        return change(field).newValue();
    }

    public <T> T oldValue(String field, Class<T> type) {
        return cast(field, oldValue(field), type);
    }

    public <T> T newValue(String field, Class<T> type) {
        return cast(field, newValue(field), type);
    }

    private FieldChange change(String field) {
        FieldChange change = changes.get(field);
        if (change == null) {
            throw new FluxaException(entity + " event " + event.id() + " (" + action + ") carries no field '" + field
                    + "'; it carries " + changes.keySet());
        }
        return change;
    }

    private <T> T cast(String field, Object value, Class<T> type) {
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        if (type == BigDecimal.class && value instanceof String text) {
            try {
                return type.cast(new BigDecimal(text)); // decimals travel as their exact text
            } catch (NumberFormatException e) {
                // not a decimal column: fall through to the error below
            }
        }
        throw new FluxaException(entity + "." + field + " is a " + value.getClass().getSimpleName() + " in event "
                + event.id() + ", not a " + type.getSimpleName());
    }

    @Override
    public String toString() {
        return entity + "#" + id + " " + action + " " + changes.keySet();
    }
}
