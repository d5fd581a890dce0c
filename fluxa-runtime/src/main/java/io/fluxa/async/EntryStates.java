package io.fluxa.async;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rebuilds the entity states of an entry's operations, so the flush machinery can apply them. */
final class EntryStates {

    private static final int[] NONE = new int[0];

    private EntryStates() {
    }

    /** An entity type with its column names as UTF-8, to match the names in an entry without decoding them. */
    record Known(EntityType type, byte[][] names) {
        static Known of(EntityType type) {
            byte[][] names = new byte[type.columnCount()][];
            for (int c = 0; c < names.length; c++) {
                names[c] = type.columnName(c).getBytes(StandardCharsets.UTF_8);
            }
            return new Known(type, names);
        }

        /**
         * The column named by the {@code length} bytes at {@code at} of {@code body}; tries {@code hint}
         * first (entries list columns in order). Throws for a column this schema does not have.
         */
        int column(byte[] body, int at, int length, int hint) {
            if (hint < names.length && matches(names[hint], body, at, length)) {
                return hint;
            }
            for (int c = 0; c < names.length; c++) {
                if (matches(names[c], body, at, length)) {
                    return c;
                }
            }
            return type.columnIndex(new String(body, at, length, StandardCharsets.UTF_8)); // throws
        }

        private static boolean matches(byte[] name, byte[] body, int at, int length) {
            return name.length == length && Arrays.equals(name, 0, length, body, at, at + length);
        }
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
     * Entity types by the names entries give them, filled on first use (one per consumer: looking a type
     * up by its schema hashes the whole schema record). Ops of one batch nearly always name the entity of
     * the op before, which is checked first by identity ({@link EntryReader#name} hands out one string per
     * name). Not thread-safe.
     */
    static final class Types {
        private final Map<String, Known> byName = new HashMap<>();
        private String lastName;
        private Known last;

        Known of(Engine engine, String entityName) {
            if (entityName == lastName) { // same string as the op before: no hash, no map
                return last;
            }
            Known known = byName.get(entityName);
            if (known == null) {
                known = Known.of(type(engine, entityName));
                byName.put(entityName, known);
            }
            lastName = entityName;
            last = known;
            return known;
        }
    }

    /** The entity states of {@code entry}'s operations, in order. */
    static List<EntityState> of(Context context, AsyncEntry entry, Types types) {
        List<EntityState> states = new ArrayList<>(entry.ops().size());
        addTo(states, context, entry, types);
        return states;
    }

    /** Adds the entity states of {@code entry}'s operations to {@code states}, in order. */
    static void addTo(List<EntityState> states, Context context, AsyncEntry entry, Types types) {
        String token = entry.writeThroughToken();
        for (AsyncEntry.Op op : entry.ops()) {
            EntityState state = state(context, op, types.of(context.engine(), op.entity()));
            state.setAsyncApplyToken(token);
            states.add(state);
        }
    }

    private static EntityState state(Context context, AsyncEntry.Op op, Known known) {
        EntityType type = known.type();
        switch (op.action()) {
            case INSERT -> {
                Object[] row = type.newRow();
                fill(known, row, op.body(), op.newValuesAt(), false);
                row[0] = op.id();
                EntityState state = type.create(context, op.id(), row, true);
                state.setChosenId(op.chosenId());
                return state;
            }
            case UPDATE -> {
                Object[] values = type.newRow();
                fill(known, values, op.body(), op.newValuesAt(), false);
                values[0] = op.id();
                Object[] loaded = values.clone();
                int[] changed = fill(known, loaded, op.body(), op.oldValuesAt(), true);
                EntityState state = type.create(context, op.id(), loaded, false);
                for (int column : changed) {
                    state.setDuringFlush(column, values[column]);
                }
                return state;
            }
            default -> {
                Object[] row = type.newRow();
                fill(known, row, op.body(), op.oldValuesAt(), false);
                row[0] = op.id();
                EntityState state = type.create(context, op.id(), row, false);
                state.markDeleted();
                return state;
            }
        }
    }

    /**
     * Decodes the value map at {@code at} of {@code body} (-1: none) straight into {@code row}; returns
     * the column positions filled when {@code positions}, else null.
     */
    private static int[] fill(Known known, Object[] row, byte[] body, int at, boolean positions) {
        if (at < 0) {
            return positions ? NONE : null;
        }
        RowCodec codec = known.type().codec();
        EntryReader r = new EntryReader(body, at);
        int n = r.mapHeader();
        int[] filled = positions ? new int[n] : null;
        int column = 0;
        for (int i = 0; i < n; i++) {
            int length = r.stringHeader();
            column = known.column(body, r.position(), length, column + 1);
            r.skip(length);
            int size = r.binaryHeader();
            int start = r.position();
            r.skip(size);
            row[column] = codec.unpack(column, body, start, size);
            if (filled != null) {
                filled[i] = column;
            }
        }
        return filled;
    }
}
