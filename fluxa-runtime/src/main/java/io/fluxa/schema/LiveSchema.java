package io.fluxa.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of one database as information_schema describes them. Reading information_schema
 * (instead of parsing {@code SHOW CREATE TABLE}) works the same on MySQL 8 and MariaDB.
 */
final class LiveSchema {

    record Column(String name, String type, boolean nullable, String collation, boolean autoIncrement) {
    }

    record Index(String name, boolean unique, List<String> columns) {
    }

    record ForeignKey(String name, String column, String referencedTable, String referencedColumn) {
    }

    static final class Table {
        final String name;
        final String engine;
        final String collation;
        final Map<String, Column> columns = new LinkedHashMap<>();
        final Map<String, Index> indexes = new LinkedHashMap<>();
        final Map<String, ForeignKey> foreignKeys = new LinkedHashMap<>();

        Table(String name, String engine, String collation) {
            this.name = name;
            this.engine = engine;
            this.collation = collation;
        }

        Column column(String name) {
            for (Column c : columns.values()) {
                if (c.name().equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    final boolean mariaDb;
    /** Whether the server stores table names in lower case ({@code lower_case_table_names} 1 or 2). */
    final boolean caseInsensitiveTables;
    /** Tables by name as the server reports them, sorted. */
    final Map<String, Table> tables = new TreeMap<>();

    private LiveSchema(boolean mariaDb, boolean caseInsensitiveTables) {
        this.mariaDb = mariaDb;
        this.caseInsensitiveTables = caseInsensitiveTables;
    }

    /** The live table an entity's table name refers to on this server, or null. */
    Table table(String name) {
        Table exact = tables.get(name);
        if (exact != null || !caseInsensitiveTables) {
            return exact;
        }
        for (Table t : tables.values()) {
            if (t.name.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether two table names refer to the same table on this server. */
    boolean sameTable(String a, String b) {
        return caseInsensitiveTables ? a.equalsIgnoreCase(b) : a.equals(b);
    }

    static LiveSchema read(Connection connection, String database) throws SQLException {
        LiveSchema schema;
        try (PreparedStatement s = connection.prepareStatement("SELECT VERSION(), @@lower_case_table_names");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            schema = new LiveSchema(rs.getString(1).toLowerCase(Locale.ROOT).contains("mariadb"), rs.getInt(2) != 0);
        }
        query(connection, "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", database, rs -> {
                    String name = rs.getString(1);
                    schema.tables.put(name, new Table(name, rs.getString(2), rs.getString(3)));
                });
        query(connection, "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLLATION_NAME, EXTRA"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION",
                database, rs -> {
                    Table t = schema.tables.get(rs.getString(1));
                    if (t != null) {
                        String extra = rs.getString(6);
                        t.columns.put(rs.getString(2), new Column(rs.getString(2), SqlTypes.normalize(rs.getString(3)),
                                "YES".equals(rs.getString(4)), rs.getString(5),
                                extra != null && extra.toLowerCase(Locale.ROOT).contains("auto_increment")));
                    }
                });
        Map<String, Map<String, List<String>>> indexColumns = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> indexUnique = new LinkedHashMap<>();
        query(connection, "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", database, rs -> {
                    String table = rs.getString(1);
                    String index = rs.getString(2);
                    indexColumns.computeIfAbsent(table, k -> new LinkedHashMap<>())
                            .computeIfAbsent(index, k -> new ArrayList<>()).add(rs.getString(4));
                    indexUnique.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(index, rs.getInt(3) == 0);
                });
        indexColumns.forEach((table, indexes) -> {
            Table t = schema.tables.get(table);
            if (t != null) {
                indexes.forEach((name, cols) -> t.indexes.put(name,
                        new Index(name, indexUnique.get(table).get(name), List.copyOf(cols))));
            }
        });
        query(connection, "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME,"
                + " k.REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE k"
                + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
                + " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
                + " WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                + " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION", database, rs -> {
                    Table t = schema.tables.get(rs.getString(1));
                    if (t != null) {
                        // Fluxa's foreign keys have one column; a multi-column one written by hand keeps its
                        // first column here and is dropped as unknown anyway
                        t.foreignKeys.putIfAbsent(rs.getString(2), new ForeignKey(rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                });
        return schema;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, String sql, String database, RowHandler handler)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }
}
