package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rebuilds the entity states of an entry's operations, so the flush machinery can apply them. */
final class EntryStates {

    private EntryStates() {
    }

    static EntityType type(Engine engine, String entityName) {
        EntityType type = EntityType.ofOrNull(engine.entity(entityName));
        if (type == null) {
            throw new FluxaException("async flush entry names entity " + entityName
                    + ", whose generated provider is not loaded in this JVM; register its model with the engine");
        }
        return type;
    }

    /**
     * @param types entity types by name, filled on first use (one map per consumer: looking a type up
     *     by its schema hashes the whole schema record)
     */
    static List<EntityState> of(Context context, AsyncEntry entry, Map<String, EntityType> types) {
        List<EntityState> states = new ArrayList<>(entry.ops().size());
        for (AsyncEntry.Op op : entry.ops()) {
            EntityType type = types.get(op.entity());
            if (type == null) {
                type = type(context.engine(), op.entity());
                types.put(op.entity(), type);
            }
            EntityState state = state(context, op, type);
            state.setAsyncApplyToken(entry.writeThroughToken());
            states.add(state);
        }
        return states;
    }

    private static EntityState state(Context context, AsyncEntry.Op op, EntityType type) {
        switch (op.action()) {
            case INSERT -> {
                Object[] row = type.newRow();
                fill(type, row, op.newValues());
                row[0] = op.id();
                EntityState state = type.create(context, op.id(), row, true);
                state.setChosenId(op.chosenId());
                return state;
            }
            case UPDATE -> {
                Object[] values = type.newRow();
                fill(type, values, op.newValues());
                values[0] = op.id();
                Object[] loaded = values.clone();
                int[] changed = fill(type, loaded, op.oldValues());
                EntityState state = type.create(context, op.id(), loaded, false);
                for (int column : changed) {
                    state.setDuringFlush(column, values[column]);
                }
                return state;
            }
            default -> {
                Object[] row = type.newRow();
                fill(type, row, op.oldValues());
                row[0] = op.id();
                EntityState state = type.create(context, op.id(), row, false);
                state.markDeleted();
                return state;
            }
        }
    }

    /** Decodes named column values into {@code row}; returns the column positions filled. */
    private static int[] fill(EntityType type, Object[] row, Map<String, byte[]> values) {
        if (values == null) {
            return new int[0];
        }
        int[] filled = new int[values.size()];
        int n = 0;
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            int column = type.columnIndex(e.getKey()); // throws for a column this schema does not have
            row[column] = type.codec().unpack(column, e.getValue());
            filled[n++] = column;
        }
        return filled;
    }
}
