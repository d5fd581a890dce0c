package io.fluxa.schema;

import io.fluxa.FluxaException;
import io.fluxa.mysql.MySqlPool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares registered entities with the live MySQL/MariaDB databases and produces the alters that
 * make each database match, in an order that runs without errors: drop stale foreign keys, create
 * tables, convert charsets, add/modify columns, change indexes, drop columns, add foreign keys, drop
 * tables that are not entities. Reads information_schema, so it works on MySQL 8 and MariaDB.
 *
 * <p>Only pools that hold at least one entity are compared; a pool used only for raw queries is left alone.
 */
public final class MySqlSchemaSync {

    /** The table where async flush consumers record what they applied; schema sync never drops it. */
    public static final String ASYNC_FLUSH_TABLE = "_fluxa_async_flush";


    /** Default collation on MySQL 8. */
    public static final String MYSQL_COLLATION = "utf8mb4_0900_ai_ci";
    /** Default collation on MariaDB, which has no {@code utf8mb4_0900_ai_ci} before 11.4. */
    public static final String MARIADB_COLLATION = "utf8mb4_unicode_ci";

    private final Map<String, List<EntitySchema>> entitiesByPool = new TreeMap<>();
    private final Map<String, MySqlPool> pools;
    private final Map<String, Set<String>> ignoredTablesByPool = new HashMap<>();
    private final Map<String, String> collationByPool;

    public MySqlSchemaSync(List<EntitySchema> entities, Map<String, MySqlPool> pools,
            Map<String, List<String>> ignoredTablesByPool) {
        this(entities, pools, ignoredTablesByPool, Map.of());
    }

    /**
     * @param collationByPool a utf8mb4 collation per pool code; pools not listed use
     *     {@link #MYSQL_COLLATION} on MySQL and {@link #MARIADB_COLLATION} on MariaDB
     */
    public MySqlSchemaSync(List<EntitySchema> entities, Map<String, MySqlPool> pools,
            Map<String, List<String>> ignoredTablesByPool, Map<String, String> collationByPool) {
        this.pools = Map.copyOf(pools);
        this.collationByPool = Map.copyOf(collationByPool);
        for (EntitySchema e : entities) {
            if (!pools.containsKey(e.mysqlPool())) {
                throw new FluxaException("Entity " + e.entityName() + " uses MySQL pool \"" + e.mysqlPool()
                        + "\", which is not registered. Register the pool, or set @FluxaEntity(mysqlPool = ...) to a"
                        + " registered one (registered: " + new TreeMap<>(pools).keySet() + ").");
            }
            entitiesByPool.computeIfAbsent(e.mysqlPool(), k -> new ArrayList<>()).add(e);
        }
        ignoredTablesByPool.forEach((pool, tables) -> {
            Set<String> lower = new HashSet<>();
            for (String t : tables) {
                lower.add(t.toLowerCase(Locale.ROOT));
            }
            this.ignoredTablesByPool.put(pool, lower);
        });
    }

    /** The alters that would make every pool match the entities, in the order to run them. */
    public List<Alter> alters() {
        List<Alter> alters = new ArrayList<>();
        for (Map.Entry<String, List<EntitySchema>> e : entitiesByPool.entrySet()) {
            MySqlPool pool = pools.get(e.getKey());
            try (Connection connection = pool.dataSource().getConnection()) {
                LiveSchema live = LiveSchema.read(connection, pool.database());
                alters.addAll(plan(e.getKey(), e.getValue(), live));
            } catch (SQLException ex) {
                throw new FluxaException("Reading the schema of MySQL pool \"" + e.getKey() + "\" (database "
                        + pool.database() + ") failed: " + ex.getMessage(), ex);
            }
        }
        return alters;
    }

    /**
     * Runs {@link #alters()} in order. With {@code includeUnsafe} false, alters that can lose data
     * (see {@link Alter#safe()}) are skipped. Returns the alters that ran.
     */
    public List<Alter> apply(boolean includeUnsafe) {
        List<Alter> ran = new ArrayList<>();
        for (Alter alter : alters()) {
            if (!alter.safe() && !includeUnsafe) {
                continue;
            }
            try (Connection connection = pools.get(alter.pool()).dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                // an ALTER of a big table may run for long: no socket limit (the pool restores it)
                connection.setNetworkTimeout(Runnable::run, 0);
                statement.execute(alter.sql());
            } catch (SQLException ex) {
                throw new FluxaException("Schema alter on MySQL pool \"" + alter.pool() + "\" failed: " + alter.sql()
                        + " — " + ex.getMessage(), ex);
            }
            ran.add(alter);
        }
        return ran;
    }

    private String collation(String pool, LiveSchema live) {
        String configured = collationByPool.get(pool);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return live.mariaDb ? MARIADB_COLLATION : MYSQL_COLLATION;
    }

    /** What a table should look like: its indexes (PRIMARY included) and foreign keys by name. */
    private record Target(EntitySchema entity, Map<String, LiveSchema.Index> indexes,
            Map<String, LiveSchema.ForeignKey> foreignKeys) {
    }

    private List<Alter> plan(String pool, List<EntitySchema> entities, LiveSchema live) {
        String collation = collation(pool, live);
        Map<String, EntitySchema> byTable = new LinkedHashMap<>();
        for (EntitySchema e : entities) {
            byTable.put(e.table(), e);
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        for (EntitySchema e : entities) {
            targets.put(e.table(), target(e, byTable));
        }

        List<Alter> dropForeignKeys = new ArrayList<>();
        List<Alter> creates = new ArrayList<>();
        List<Alter> tableOptions = new ArrayList<>();
        List<Alter> columnChanges = new ArrayList<>();
        List<Alter> indexChanges = new ArrayList<>();
        List<Alter> dropColumns = new ArrayList<>();
        List<Alter> addForeignKeys = new ArrayList<>();
        List<Alter> dropTables = new ArrayList<>();

        for (LiveSchema.Table table : live.tables.values()) {
            Target target = null;
            for (Target candidate : targets.values()) {
                if (live.sameTable(candidate.entity().table(), table.name)) {
                    target = candidate;
                }
            }
            Set<String> changing = target == null ? Set.of() : changingColumns(target.entity(), table, collation);
            for (LiveSchema.ForeignKey fk : table.foreignKeys.values()) {
                LiveSchema.ForeignKey wanted = target == null ? null : target.foreignKeys().get(fk.name());
                // MariaDB refuses to change a column inside a foreign key, so such keys are re-created
                if (!sameForeignKey(fk, wanted, live) || changing.contains(fk.column().toLowerCase(Locale.ROOT))) {
                    dropForeignKeys.add(new Alter("ALTER TABLE " + q(table.name) + " DROP FOREIGN KEY "
                            + q(fk.name()), pool, true));
                }
            }
            if (target == null && !table.name.equalsIgnoreCase(ASYNC_FLUSH_TABLE) && !ignoredTablesByPool.getOrDefault(pool, Set.of())
                    .contains(table.name.toLowerCase(Locale.ROOT))) {
                dropTables.add(new Alter("DROP TABLE " + q(table.name), pool, false));
            }
        }

        for (Target target : targets.values()) {
            EntitySchema e = target.entity();
            LiveSchema.Table table = live.table(e.table());
            if (table == null) {
                creates.add(new Alter(createTable(target, collation), pool, true));
                for (LiveSchema.ForeignKey fk : target.foreignKeys().values()) {
                    addForeignKeys.add(addForeignKey(e.table(), fk, pool));
                }
                continue;
            }
            String t = q(e.table());
            boolean converting = !collation.equalsIgnoreCase(table.collation);
            if (converting) {
                tableOptions.add(new Alter("ALTER TABLE " + t + " CONVERT TO CHARACTER SET utf8mb4 COLLATE "
                        + collation, pool, true));
            }
            if (table.engine == null || !table.engine.equalsIgnoreCase("InnoDB")) {
                tableOptions.add(new Alter("ALTER TABLE " + t + " ENGINE=InnoDB", pool, true));
            }
            String previous = null;
            Set<String> wantedColumns = new HashSet<>();
            for (ColumnSchema c : e.columns()) {
                wantedColumns.add(c.name().toLowerCase(Locale.ROOT));
                LiveSchema.Column existing = table.column(c.name());
                if (existing == null) {
                    columnChanges.add(new Alter("ALTER TABLE " + t + " ADD COLUMN " + ColumnSql.definition(c)
                            + (previous == null ? " FIRST" : " AFTER " + q(previous)), pool, true));
                } else if (columnDiffers(c, existing, collation, converting)) {
                    boolean keepsData = ColumnSql.widens(existing.type(), c.sqlType())
                            && (c.nullable() || !existing.nullable());
                    columnChanges.add(new Alter("ALTER TABLE " + t + " CHANGE COLUMN " + q(existing.name()) + " "
                            + ColumnSql.definition(c), pool, keepsData));
                }
                previous = c.name();
            }
            for (LiveSchema.Column existing : table.columns.values()) {
                if (!wantedColumns.contains(existing.name().toLowerCase(Locale.ROOT))) {
                    dropColumns.add(new Alter("ALTER TABLE " + t + " DROP COLUMN " + q(existing.name()), pool, false));
                }
            }
            // new indexes first: an index a foreign key relies on can only go once another one serves it
            for (LiveSchema.Index wanted : target.indexes().values()) {
                if (!table.indexes.containsKey(wanted.name())) {
                    indexChanges.add(new Alter("ALTER TABLE " + t + " ADD " + indexSql(wanted), pool, true));
                }
            }
            for (LiveSchema.Index existing : table.indexes.values()) {
                LiveSchema.Index wanted = target.indexes().get(existing.name());
                if (wanted == null) {
                    indexChanges.add(new Alter("ALTER TABLE " + t + " DROP INDEX " + q(existing.name()), pool, true));
                } else if (!sameIndex(existing, wanted)) {
                    String drop = existing.name().equals("PRIMARY") ? "DROP PRIMARY KEY" : "DROP INDEX "
                            + q(existing.name());
                    indexChanges.add(new Alter("ALTER TABLE " + t + " " + drop + ", ADD " + indexSql(wanted), pool,
                            true));
                }
            }
            Set<String> changing = changingColumns(e, table, collation);
            for (LiveSchema.ForeignKey fk : target.foreignKeys().values()) {
                if (!sameForeignKey(table.foreignKeys.get(fk.name()), fk, live)
                        || changing.contains(fk.column().toLowerCase(Locale.ROOT))) {
                    addForeignKeys.add(addForeignKey(e.table(), fk, pool));
                }
            }
        }
        List<Alter> all = new ArrayList<>();
        all.addAll(dropForeignKeys);
        all.addAll(creates);
        all.addAll(tableOptions);
        all.addAll(columnChanges);
        all.addAll(indexChanges);
        all.addAll(dropColumns);
        all.addAll(addForeignKeys);
        all.addAll(dropTables);
        return all;
    }

    /** Lower-case names of the columns of {@code table} that will be changed. */
    private static Set<String> changingColumns(EntitySchema e, LiveSchema.Table table, String collation) {
        boolean converting = !collation.equalsIgnoreCase(table.collation);
        Set<String> changing = new HashSet<>();
        for (ColumnSchema c : e.columns()) {
            LiveSchema.Column existing = table.column(c.name());
            if (existing != null && columnDiffers(c, existing, collation, converting)) {
                changing.add(c.name().toLowerCase(Locale.ROOT));
            }
        }
        return changing;
    }

    private static boolean columnDiffers(ColumnSchema c, LiveSchema.Column existing, String collation,
            boolean converting) {
        if (!existing.name().equals(c.name()) || !existing.type().equals(c.sqlType())
                || existing.nullable() != c.nullable()) {
            return true;
        }
        if (c.kind() == ColumnKind.ID && !existing.autoIncrement()) {
            return true;
        }
        // CONVERT TO CHARACTER SET fixes every column's collation on its own
        return !converting && existing.collation() != null && !existing.collation().equalsIgnoreCase(collation);
    }

    private static boolean sameForeignKey(LiveSchema.ForeignKey existing, LiveSchema.ForeignKey wanted,
            LiveSchema live) {
        return existing != null && wanted != null && existing.column().equalsIgnoreCase(wanted.column())
                && live.sameTable(existing.referencedTable(), wanted.referencedTable())
                && existing.referencedColumn().equalsIgnoreCase(wanted.referencedColumn());
    }

    private static boolean sameIndex(LiveSchema.Index a, LiveSchema.Index b) {
        if (a.unique() != b.unique() || a.columns().size() != b.columns().size()) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            if (!a.columns().get(i).equalsIgnoreCase(b.columns().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Target target(EntitySchema e, Map<String, EntitySchema> tablesOfPool) {
        Map<String, LiveSchema.Index> indexes = new LinkedHashMap<>();
        indexes.put("PRIMARY", new LiveSchema.Index("PRIMARY", true, List.of("ID")));
        for (UniqueIndexSchema u : e.uniqueIndexes()) {
            indexes.put(u.name(), new LiveSchema.Index(u.name(), true, u.columns()));
        }
        for (IndexSchema i : e.indexes()) {
            indexes.put(i.name(), new LiveSchema.Index(i.name(), false, i.columns()));
        }
        Map<String, LiveSchema.ForeignKey> foreignKeys = new LinkedHashMap<>();
        for (ColumnSchema c : e.columns()) {
            if (c.kind() != ColumnKind.REFERENCE) {
                continue;
            }
            EntitySchema referenced = null;
            for (EntitySchema candidate : tablesOfPool.values()) {
                if (candidate.entityName().equals(c.referencedEntity())) {
                    referenced = candidate;
                }
            }
            if (referenced == null) {
                // the referenced entity lives in another pool (maybe another server): no foreign key possible
                continue;
            }
            boolean indexed = false;
            for (LiveSchema.Index i : indexes.values()) {
                indexed |= i.columns().get(0).equalsIgnoreCase(c.name());
            }
            if (!indexed) {
                String name = "FK_" + c.name();
                indexes.put(name, new LiveSchema.Index(name, false, List.of(c.name())));
            }
            String fkName = foreignKeyName(e.table(), c.name());
            foreignKeys.put(fkName, new LiveSchema.ForeignKey(fkName, c.name(), referenced.table(), "ID"));
        }
        return new Target(e, indexes, foreignKeys);
    }

    /**
     * Foreign key names are unique per database in InnoDB, so they carry the table:
     * {@code FK_<table>_<Column>}, shortened with a hash when longer than MySQL's 64 characters.
     */
    static String foreignKeyName(String table, String column) {
        String name = "FK_" + table + "_" + column;
        if (name.length() <= 64) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return name.substring(0, 55) + "_" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
        }
    }

    private static String createTable(Target target, String collation) {
        EntitySchema e = target.entity();
        List<String> parts = new ArrayList<>();
        for (ColumnSchema c : e.columns()) {
            parts.add(ColumnSql.definition(c));
        }
        for (LiveSchema.Index i : target.indexes().values()) {
            parts.add(indexSql(i));
        }
        return "CREATE TABLE " + q(e.table()) + " (" + String.join(", ", parts)
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + collation;
    }

    private static String indexSql(LiveSchema.Index i) {
        List<String> columns = new ArrayList<>();
        for (String c : i.columns()) {
            columns.add(q(c));
        }
        String list = "(" + String.join(", ", columns) + ")";
        if (i.name().equals("PRIMARY")) {
            return "PRIMARY KEY " + list;
        }
        return (i.unique() ? "UNIQUE INDEX " : "INDEX ") + q(i.name()) + " " + list;
    }

    private static Alter addForeignKey(String table, LiveSchema.ForeignKey fk, String pool) {
        return new Alter("ALTER TABLE " + q(table) + " ADD CONSTRAINT " + q(fk.name()) + " FOREIGN KEY ("
                + q(fk.column()) + ") REFERENCES " + q(fk.referencedTable()) + " (" + q(fk.referencedColumn())
                + ")", pool, true);
    }

    private static String q(String identifier) {
        return ColumnSql.quote(identifier);
    }
}
