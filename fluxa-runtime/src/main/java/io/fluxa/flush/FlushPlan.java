package io.fluxa.flush;

import io.fluxa.FluxaValidationException;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.row.RowCodec;
import io.fluxa.schema.ColumnSchema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one flush writes, grouped by MySQL pool and table in first-changed order: inserts (with
 * timestamps set and required fields checked), updates with their changed columns, deletes.
 * Post-commit steps read it to learn what changed.
 */
public final class FlushPlan {

    /** What one flush does to one table. */
    public static final class TableWork {
        private final EntityType type;
        private final List<EntityState> inserts = new ArrayList<>();
        private final List<EntityState> updates = new ArrayList<>();
        private final List<int[]> updatedColumns = new ArrayList<>();
        private final List<EntityState> deletes = new ArrayList<>();
        /** The positions of the NOT NULL columns after the ID, checked on every insert. */
        private final int[] required;

        TableWork(EntityType type) {
            this.type = type;
            List<ColumnSchema> columns = type.schema().columns();
            int[] positions = new int[columns.size()];
            int n = 0;
            for (int i = 1; i < columns.size(); i++) {
                if (!columns.get(i).nullable()) {
                    positions[n++] = i;
                }
            }
            this.required = Arrays.copyOf(positions, n);
        }

        public EntityType type() {
            return type;
        }

        /** New rows, in order. */
        public List<EntityState> inserts() {
            return inserts;
        }

        /** Changed rows; {@link #updatedColumns(int)} names the columns of each. */
        public List<EntityState> updates() {
            return updates;
        }

        /** The changed columns of update number {@code update}. */
        public int[] updatedColumns(int update) {
            return updatedColumns.get(update);
        }

        /** Removed rows. */
        public List<EntityState> deletes() {
            return deletes;
        }

        int rows() {
            return inserts.size() + updates.size() + deletes.size();
        }
    }

    private final Map<String, List<TableWork>> byPool;
    private final List<TableWork> tables;

    private FlushPlan(Map<String, List<TableWork>> byPool, List<TableWork> tables) {
        this.byPool = byPool;
        this.tables = tables;
    }

    /** The tables written, by MySQL pool code. */
    public Map<String, List<TableWork>> byPool() {
        return byPool;
    }

    /** Every table written, in first-changed order. */
    public List<TableWork> tables() {
        return tables;
    }

    /** Groups dirty entities (with ids) by table; stamps timestamps and checks required fields. */
    static FlushPlan of(List<EntityState> work) {
        Map<EntityType, TableWork> tables = new LinkedHashMap<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TableWork table = null; // the table of the entity before: a flush's entities come in runs of one type
        for (EntityState entity : work) {
            EntityType type = entity.type();
            if (table == null || table.type != type) {
                table = tables.computeIfAbsent(type, TableWork::new);
            }
            if (entity.deleteRow()) {
                table.deletes.add(entity);
            } else if (entity.isNew()) {
                stamp(entity, type.createdAtIndex(), now, true);
                stamp(entity, type.updatedAtIndex(), now, true);
                checkRequired(entity, table.required);
                table.inserts.add(entity);
            } else {
                int[] changed = entity.changedColumns();
                if (changed.length == 0) {
                    continue;
                }
                if (type.updatedAtIndex() >= 0 && !contains(changed, type.updatedAtIndex())) {
                    stamp(entity, type.updatedAtIndex(), now, false);
                    changed = entity.changedColumns();
                }
                table.updates.add(entity);
                table.updatedColumns.add(changed);
            }
        }
        Map<String, List<TableWork>> byPool = new LinkedHashMap<>();
        for (TableWork written : tables.values()) {
            byPool.computeIfAbsent(written.type.mysqlPool(), p -> new ArrayList<>()).add(written);
        }
        return new FlushPlan(byPool, List.copyOf(tables.values()));
    }

    /** Marks every entity of the plan flushed without touching a cache (async flush without cache update). */
    static void markFlushed(FlushPlan plan) {
        for (TableWork table : plan.tables) {
            for (EntityState entity : table.inserts) {
                entity.flushed(false);
                entity.setChosenId(false);
            }
            for (EntityState entity : table.updates) {
                entity.flushed(false);
            }
            for (EntityState entity : table.deletes) {
                entity.flushed(true);
            }
        }
    }

    /**
     * Most new rows a flush sends as one multi-row INSERT in auto-commit. Measured against the JDBC batch
     * in a transaction (docs/benchmarks.md, "Multi-row insert in auto-commit"): faster up to about 150-250
     * rows, slower above, as the text costs more per row than the driver's bulk protocol.
     */
    static final int MULTI_ROW_LIMIT = 150;
    /** Placeholders one statement may carry (MySQL's prepared-statement limit is 65 535). */
    private static final int MAX_PLACEHOLDERS = 65_535;
    /**
     * Estimated bytes of a multi-row INSERT's values at most, far below the default
     * {@code max_allowed_packet} (16 MB in MariaDB, 64 MB in MySQL 8); rows with long strings or
     * binaries go as a batch in a transaction instead.
     */
    static final int MULTI_ROW_MAX_BYTES = 64 * 1024;

    /**
     * True when the flush's MySQL work is one statement in one pool, atomic by itself, so it runs in
     * auto-commit without a transaction: one row, or only new rows of one table that fit one multi-row
     * INSERT ({@link #MULTI_ROW_LIMIT} rows, {@link #MULTI_ROW_MAX_BYTES} of values).
     */
    boolean singleStatement() {
        if (byPool.size() != 1) {
            return false;
        }
        TableWork only = null;
        for (TableWork table : byPool.values().iterator().next()) {
            if (table.rows() == 0) {
                continue; // e.g. loaded entities whose setters changed nothing
            }
            if (only != null) {
                return false;
            }
            only = table;
        }
        return only != null && (only.rows() == 1 || only.inserts.size() == only.rows() && fitsOneInsert(only));
    }

    private static boolean fitsOneInsert(TableWork table) {
        int rows = table.inserts.size();
        if (rows > MULTI_ROW_LIMIT || (long) rows * table.type.columnCount() > MAX_PLACEHOLDERS) {
            return false;
        }
        long bytes = 0;
        for (EntityState entity : table.inserts) {
            for (Object value : entity.values()) {
                if (value instanceof String text) {
                    bytes += 3L * text.length() + 3; // UTF-8, quotes and escapes
                } else if (value instanceof byte[] binary) {
                    bytes += 2L * binary.length + 3;
                } else {
                    bytes += 32;
                }
            }
            if (bytes > MULTI_ROW_MAX_BYTES) {
                return false;
            }
        }
        return true;
    }

    /** Sets a createdAt/updatedAt column to now; on insert only when the user left it empty. */
    private static void stamp(EntityState entity, int column, Instant now, boolean onlyWhenEmpty) {
        if (column < 0) {
            return;
        }
        Object current = entity.get(column);
        if (onlyWhenEmpty && current != null && !Instant.EPOCH.equals(current)
                && !LocalDateTime.of(1970, 1, 1, 0, 0).equals(current)) {
            return;
        }
        Object value = RowCodec.typeOf(entity.type().schema().columns().get(column)) == RowCodec.LOCAL_DATE_TIME
                ? LocalDateTime.ofInstant(now, ZoneOffset.UTC)
                : now;
        entity.setDuringFlush(column, value);
    }

    private static void checkRequired(EntityState entity, int[] required) {
        Object[] values = entity.values();
        for (int i : required) {
            if (values[i] == null) {
                throw new FluxaValidationException(entity.type().entityName(),
                        entity.type().schema().columns().get(i).fieldPath(),
                        "null is not allowed: the field is required (NOT NULL); set it before flush");
            }
        }
    }

    static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
