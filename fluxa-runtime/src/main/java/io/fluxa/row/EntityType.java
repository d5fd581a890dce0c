package io.fluxa.row;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the read path, the caches and the flush need to know about one entity type, computed
 * once from its schema: column positions, the codec, default values and the SQL text of every
 * statement whose shape does not depend on the data. One per generated provider, shared by every
 * engine; immutable apart from the cache of UPDATE texts (one per set of changed columns).
 */
public final class EntityType {

    /** Creates the generated entity object around a row and returns its state. */
    @FunctionalInterface
    public interface Factory {
        EntityState create(Context context, long id, Object[] row, boolean isNew);
    }

    /** The type an entity's reference column points to. */
    @FunctionalInterface
    public interface References {
        EntityType target(int column);
    }

    /** Most columns a row may have (cached rows use the column position as hash field). */
    public static final int MAX_COLUMNS = 512;

    /** Every type created in this JVM, by schema: how code that only knows an entity name finds its type. */
    private static final Map<EntitySchema, EntityType> BY_SCHEMA = Collections.synchronizedMap(new WeakHashMap<>());

    private final EntitySchema schema;
    private final RowCodec codec;
    private final int columnCount;
    private final String[] columnNames;
    private final int fakeDeleteIndex;
    private final int createdAtIndex;
    private final int updatedAtIndex;
    private final Object[] defaults;
    private final int[][] uniqueColumns;
    private final String redisPool;
    private final int redisTtl;
    private final String localPool;
    /** Opaque to this class: the read path's note of the last engine's local cache (see {@link #readMemo}). */
    private volatile Object readMemo;
    /** Opaque to this class: the Redis row cache's note of its key head (see {@link #redisKeyMemo}). */
    private volatile Object redisKeyMemo;
    private final Factory factory;
    private final References references;
    private final String selectSql;
    private final String selectIdSql;
    private final String countSql;
    private final String insertSql;
    /** One row's placeholders {@code (?,?,…)}: the tail of {@link #insertSql}, repeated by a multi-row INSERT. */
    private final String rowMarks;
    /** The multi-row INSERT text last built (flushes of one size repeat); one entry, so never more. */
    private volatile RowsInsert lastRowsInsert;
    private final String notDeletedSql;
    private final ConcurrentHashMap<ColumnSet, String> updateSql = new ConcurrentHashMap<>();

    public EntityType(EntitySchema schema, Factory factory, References references) {
        this.schema = schema;
        this.factory = factory;
        this.references = references;
        List<ColumnSchema> columns = schema.columns();
        this.columnCount = columns.size();
        if (columnCount > MAX_COLUMNS) {
            throw new FluxaException(schema.entityName() + " has more than " + MAX_COLUMNS + " columns");
        }
        this.codec = new RowCodec(columns);
        this.columnNames = new String[columnCount];
        this.defaults = new Object[columnCount];
        int fakeDelete = -1;
        int created = -1;
        int updated = -1;
        for (int i = 0; i < columnCount; i++) {
            ColumnSchema c = columns.get(i);
            columnNames[i] = c.name();
            if (schema.softDelete() && c.fieldPath().equals("fakeDelete")) {
                fakeDelete = i;
            } else if (schema.createdAt() && c.fieldPath().equals("createdAt")) {
                created = i;
            } else if (schema.updatedAt() && c.fieldPath().equals("updatedAt")) {
                updated = i;
            }
            defaults[i] = defaultValue(c);
        }
        this.fakeDeleteIndex = fakeDelete;
        this.createdAtIndex = created;
        this.updatedAtIndex = updated;
        this.redisPool = schema.redisCache() == null ? null : schema.redisCache().pool();
        this.redisTtl = schema.redisCache() == null ? 0 : schema.redisCache().ttlSeconds();
        this.localPool = schema.localCache() == null ? null : schema.localCache().pool();
        this.uniqueColumns = new int[schema.uniqueIndexes().size()][];
        for (int u = 0; u < uniqueColumns.length; u++) {
            List<String> names = schema.uniqueIndexes().get(u).columns();
            uniqueColumns[u] = new int[names.size()];
            for (int k = 0; k < names.size(); k++) {
                uniqueColumns[u][k] = columnIndex(names.get(k));
            }
        }
        String table = quote(schema.table());
        StringBuilder list = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < columnCount; i++) {
            list.append(i == 0 ? "" : ",").append(quote(columnNames[i]));
            marks.append(i == 0 ? "?" : ",?");
        }
        this.selectSql = "SELECT " + list + " FROM " + table;
        this.selectIdSql = "SELECT " + quote(columnNames[0]) + " FROM " + table;
        this.countSql = "SELECT COUNT(*) FROM " + table;
        this.rowMarks = "(" + marks + ")";
        this.insertSql = "INSERT INTO " + table + " (" + list + ") VALUES " + rowMarks;
        this.notDeletedSql = fakeDelete < 0 ? null : quote(columnNames[fakeDelete]) + " = 0";
        // WeakHashMap keeps the first key of equal schemas on put; an older, unreachable equal schema
        // would then take this type's entry with it when collected, so the newest key replaces it
        synchronized (BY_SCHEMA) {
            BY_SCHEMA.remove(schema);
            BY_SCHEMA.put(schema, this);
        }
    }

    /**
     * The type made for {@code schema} in this JVM (the generated provider makes it when its class is
     * loaded, which registering the model does), or null.
     */
    public static EntityType ofOrNull(EntitySchema schema) {
        return BY_SCHEMA.get(schema);
    }

    // ---- metadata ----------------------------------------------------------------------------

    public EntitySchema schema() {
        return schema;
    }

    public String entityName() {
        return schema.entityName();
    }

    public String table() {
        return schema.table();
    }

    public String mysqlPool() {
        return schema.mysqlPool();
    }

    public RowCodec codec() {
        return codec;
    }

    public int columnCount() {
        return columnCount;
    }

    public String columnName(int column) {
        return columnNames[column];
    }

    /** The soft-delete column, or -1. */
    public int fakeDeleteIndex() {
        return fakeDeleteIndex;
    }

    public int createdAtIndex() {
        return createdAtIndex;
    }

    public int updatedAtIndex() {
        return updatedAtIndex;
    }

    /** The columns of unique index {@code index} (declaration order). */
    public int[] uniqueColumns(int index) {
        return uniqueColumns[index];
    }

    public int uniqueIndexCount() {
        return uniqueColumns.length;
    }

    /** The Redis pool caching rows, or null. */
    public String redisPool() {
        return redisPool;
    }

    /** TTL of cached rows in seconds, 0 = none. */
    public int redisTtl() {
        return redisTtl;
    }

    /** The local cache pool, or null. */
    public String localPool() {
        return localPool;
    }

    /**
     * A value the read path keeps per entity type to skip a lookup per read (the local cache of the
     * engine that read last); null until set. Any thread may replace it: readers check what it holds.
     */
    public Object readMemo() {
        return readMemo;
    }

    public void setReadMemo(Object memo) {
        this.readMemo = memo;
    }

    /** Like {@link #readMemo}, for the Redis row cache (the row key head for the last key prefix); null until set. */
    public Object redisKeyMemo() {
        return redisKeyMemo;
    }

    public void setRedisKeyMemo(Object memo) {
        this.redisKeyMemo = memo;
    }

    /** A new row of default values (the caller owns it). */
    public Object[] newRow() {
        return defaults.clone();
    }

    /** Wraps a row in a new generated entity. */
    public EntityState create(Context context, long id, Object[] row, boolean isNew) {
        return factory.create(context, id, row, isNew);
    }

    /** The type reference column {@code column} points to. */
    public EntityType referenced(int column) {
        return references.target(column);
    }

    public boolean isSoftDeleted(Object[] row) {
        return fakeDeleteIndex >= 0 && Boolean.TRUE.equals(row[fakeDeleteIndex]);
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columnCount; i++) {
            if (columnNames[i].equals(name)) {
                return i;
            }
        }
        throw new FluxaException(entityName() + ": schema names unknown column " + name);
    }

    /** The reference column named by a field path or column name, for reference loading. */
    public int referenceColumn(String field) {
        List<String> known = new ArrayList<>();
        for (int i = 1; i < columnCount; i++) {
            ColumnSchema c = schema.columns().get(i);
            if (c.kind() == ColumnKind.REFERENCE) {
                if (c.fieldPath().equals(field) || c.name().equalsIgnoreCase(field)) {
                    return i;
                }
                known.add(c.fieldPath());
            }
        }
        throw new FluxaException(entityName() + " has no reference field '" + field + "' to load; references: "
                + known + " (or \"*\")");
    }

    // ---- SQL text -------------------------------------------------------------------------------

    /** {@code SELECT <every column> FROM <table>}. */
    public String selectSql() {
        return selectSql;
    }

    /** {@code SELECT <id> FROM <table>}. */
    public String selectIdSql() {
        return selectIdSql;
    }

    /** {@code SELECT COUNT(*) FROM <table>}. */
    public String countSql() {
        return countSql;
    }

    /** The one-row INSERT of every column. */
    public String insertSql() {
        return insertSql;
    }

    /**
     * The INSERT of every column for {@code rows} rows in one statement, {@code … VALUES (?,…),(?,…),…};
     * the text of the last row count asked for is kept.
     */
    public String insertSql(int rows) {
        if (rows == 1) {
            return insertSql;
        }
        RowsInsert last = lastRowsInsert;
        if (last != null && last.rows == rows) {
            return last.sql;
        }
        StringBuilder sql = new StringBuilder(insertSql.length() + (rows - 1) * (rowMarks.length() + 1))
                .append(insertSql);
        for (int r = 1; r < rows; r++) {
            sql.append(',').append(rowMarks);
        }
        String text = sql.toString();
        lastRowsInsert = new RowsInsert(rows, text);
        return text;
    }

    /** The condition excluding soft-deleted rows, or null when the entity has no soft delete. */
    public String notDeletedSql() {
        return notDeletedSql;
    }

    /** {@code ... WHERE <id> IN (?,…)} with {@code count} placeholders, after {@code head}. */
    public String whereIdIn(String head, int count) {
        StringBuilder sql = new StringBuilder(head.length() + 24 + count * 2).append(head).append(" WHERE ")
                .append(quote(columnNames[0])).append(" IN (");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        return sql.append(')').toString();
    }

    /** {@code DELETE FROM <table> WHERE <id> IN (?,…)}. */
    public String deleteSql(int count) {
        return whereIdIn("DELETE FROM " + quote(schema.table()), count);
    }

    /** The UPDATE of {@code changed} columns by id; built once per distinct column set. */
    public String updateSql(int[] changed) {
        return updateSql.computeIfAbsent(new ColumnSet(changed), set -> {
            StringBuilder sql = new StringBuilder("UPDATE ").append(quote(schema.table())).append(" SET ");
            for (int k = 0; k < changed.length; k++) {
                sql.append(k == 0 ? "" : ",").append(quote(columnNames[changed[k]])).append("=?");
            }
            return sql.append(" WHERE ").append(quote(columnNames[0])).append("=?").toString();
        });
    }

    private static String quote(String identifier) {
        return '`' + identifier + '`';
    }

    private record RowsInsert(int rows, String sql) {
    }

    /** A set of column positions usable as a map key. */
    private record ColumnSet(int[] columns) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ColumnSet other && java.util.Arrays.equals(columns, other.columns);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(columns);
        }
    }

    private static Object defaultValue(ColumnSchema c) {
        if (c.nullable()) {
            return null;
        }
        return switch (c.kind()) {
            case ID, INT8, INT16, INT24, INT32, INT64 -> 0L;
            case REFERENCE -> null;
            case BOOLEAN -> Boolean.FALSE;
            case FLOAT32, FLOAT64 -> 0.0d;
            case DECIMAL -> BigDecimal.ZERO.setScale(c.scale());
            case STRING, TEXT, SET -> "";
            case ENUM -> c.values().isEmpty() ? "" : c.values().get(0);
            case DATE -> LocalDate.of(1970, 1, 1);
            case DATETIME -> RowCodec.typeOf(c) == RowCodec.LOCAL_DATE_TIME
                    ? LocalDateTime.of(1970, 1, 1, 0, 0)
                    : Instant.EPOCH;
            case BINARY -> new byte[0];
        };
    }
}
