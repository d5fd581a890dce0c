package io.fluxa.flush;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;
import io.fluxa.mysql.MySqlFailures;
import io.fluxa.mysql.MySqlPool;
import io.fluxa.row.EntityState;
import io.fluxa.row.EntityType;
import io.fluxa.row.SqlErrors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link FlushPlan} in MySQL: one transaction per pool (inserts, then updates, then deletes
 * in reverse table order), committed only when every statement of every pool succeeded; otherwise
 * every pool is rolled back. A plan that is one statement ({@link FlushPlan#singleStatement}) runs
 * it in auto-commit instead. The SQL text comes from each {@link EntityType}.
 */
final class SqlWriter {

    /** Ids per DELETE … IN statement. */
    private static final int MAX_ROWS_PER_STATEMENT = 1000;

    private SqlWriter() {
    }

    /**
     * The MySQL connections of one flush, one per pool of the plan in plan order, taken by {@link #open}
     * and given back by {@link #write} or {@link #abandon}.
     */
    static final class Connections {
        private final boolean singleStatement;
        private final List<MySqlPool> pools = new ArrayList<>();
        private final List<Connection> open = new ArrayList<>();

        private Connections(boolean singleStatement) {
            this.singleStatement = singleStatement;
        }
    }

    /**
     * Takes a connection of every pool the plan writes and prepares it: a transaction, or auto-commit
     * for a flush that is one statement in one pool (one row, or new rows of one table as one multi-row
     * INSERT; atomic by itself: it saves the round trips of starting and committing a transaction).
     * Nothing is written yet.
     */
    static Connections open(Context context, FlushPlan plan) {
        Connections connections = new Connections(plan.singleStatement());
        String current = null;
        try {
            for (String code : plan.byPool().keySet()) {
                current = code;
                MySqlPool pool = context.engine().db(code);
                Connection connection = pool.dataSource().getConnection();
                connections.open.add(connection);
                connections.pools.add(pool);
                if (connections.singleStatement) {
                    if (!connection.getAutoCommit()) {
                        connection.setAutoCommit(true);
                    }
                } else {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            close(connections);
            throw failure(context, plan, current, e, false);
        } catch (RuntimeException e) {
            close(connections);
            throw e;
        }
        return connections;
    }

    /** Gives the connections back without writing anything (the flush failed before its SQL). */
    static void abandon(Connections connections) {
        close(connections);
    }

    /**
     * Runs the plan's statements on the connections {@link #open} took and commits every pool; when a
     * statement fails every pool is rolled back. The connections are given back either way.
     */
    static void write(Context context, FlushPlan plan, Connections connections) {
        boolean singleStatement = connections.singleStatement;
        List<Connection> open = connections.open;
        List<MySqlPool> pools = connections.pools;
        String current = null;
        boolean committing = false;
        try {
            int i = 0;
            for (List<FlushPlan.TableWork> tables : plan.byPool().values()) {
                current = pools.get(i).code();
                writePool(context, pools.get(i), new Statements(open.get(i), null), tables, singleStatement);
                i++;
            }
            committing = true;
            for (i = 0; i < open.size() && !singleStatement; i++) {
                current = pools.get(i).code();
                QueryLogger log = context.queryLogger();
                boolean logging = log.enabled(QuerySource.MYSQL);
                long start = logging ? System.nanoTime() : 0;
                open.get(i).commit();
                if (logging) {
                    log.log(QuerySource.MYSQL, pools.get(i).code(), "COMMIT", "COMMIT", start, false, null);
                }
            }
        } catch (SQLException e) {
            rollback(open, singleStatement);
            throw failure(context, plan, current, e, committing);
        } catch (RuntimeException e) {
            rollback(open, singleStatement);
            throw e;
        } finally {
            close(connections);
        }
    }

    private static FluxaException failure(Context context, FlushPlan plan, String current, SQLException e,
            boolean committing) {
        MySqlPool failed = context.engine().db(current == null ? plan.byPool().keySet().iterator().next() : current);
        FluxaException unavailable = MySqlFailures.describe(failed, e, committing
                ? "committing a flush (the outcome of this pool's COMMIT is unknown; pools before it committed)"
                : "starting a flush (nothing was written)");
        return unavailable != null ? unavailable : new FluxaException("flush failed: " + e.getMessage(), e);
    }

    private static void close(Connections connections) {
        for (Connection connection : connections.open) {
            try {
                if (!connections.singleStatement) {
                    connection.setAutoCommit(true);
                }
                connection.close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }

    /**
     * The statements of one pool's tables on the connection of {@code kept}, reusing the statements kept
     * there, in the caller's transaction: inserts,
     * then updates, then deletes in reverse table order. Failures are translated, nothing is rolled back.
     */
    static void writePool(Context context, MySqlPool pool, KeptStatements kept, List<FlushPlan.TableWork> tables) {
        writePool(context, pool, new Statements(kept.connection(), kept), tables, false);
    }

    /** @param multiRow the plan is one statement: several new rows go as one multi-row INSERT */
    private static void writePool(Context context, MySqlPool pool, Statements statements,
            List<FlushPlan.TableWork> tables, boolean multiRow) {
        for (FlushPlan.TableWork table : tables) {
            insert(context, pool, statements, table, multiRow);
        }
        for (FlushPlan.TableWork table : tables) {
            update(context, pool, statements, table);
        }
        for (int t = tables.size() - 1; t >= 0; t--) {
            delete(context, pool, statements, tables.get(t));
        }
    }

    private static void rollback(List<Connection> open, boolean singleStatement) {
        if (singleStatement) {
            return; // the failed statement changed nothing
        }
        for (Connection connection : open) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed and evicted anyway; MySQL drops the open transaction
            }
        }
    }

    /**
     * One prepared single-row INSERT per table, executed as one JDBC batch. MariaDB Connector/J 3
     * sends such a batch with its bulk protocol (one round-trip); measured on 10 000 rows it was
     * 1.0-1.5x faster than multi-row INSERT text (docs/crud.md has the numbers), and in a transaction
     * faster from 50 rows on. When the flush is this one statement ({@code multiRow}) the rows go as one
     * multi-row INSERT in auto-commit instead, which saves the transaction's round trips.
     */
    private static void insert(Context context, MySqlPool pool, Statements statements, FlushPlan.TableWork table,
            boolean multiRow) {
        List<EntityState> rows = table.inserts();
        if (rows.isEmpty()) {
            return;
        }
        EntityType type = table.type();
        if (rows.size() == 1 || multiRow) {
            // a batch of one would take the bulk protocol: an extra prepare
            String sql = type.insertSql(rows.size());
            String shown = (rows.size() == 1 ? sql : type.insertSql() + ",…") + " x" + rows.size();
            execute(context, pool, statements, type, "INSERT", sql, shown, statement -> {
                int offset = 0;
                for (EntityState row : rows) {
                    bindAll(type, statement, offset, row.values());
                    offset += row.values().length;
                }
                statement.executeUpdate();
            });
            return;
        }
        String sql = type.insertSql();
        execute(context, pool, statements, type, "INSERT", sql, sql + " x" + rows.size(), statement -> {
            for (EntityState row : rows) {
                bindAll(type, statement, 0, row.values());
                statement.addBatch();
            }
            statement.executeBatch();
        });
    }

    /** Binds a row's values to the placeholders after {@code offset}. */
    private static void bindAll(EntityType type, PreparedStatement statement, int offset, Object[] values)
            throws SQLException {
        for (int c = 0; c < values.length; c++) {
            type.codec().bind(statement, offset + c + 1, c, values[c]);
        }
    }

    private static void update(Context context, MySqlPool pool, Statements statements, FlushPlan.TableWork table) {
        List<EntityState> updates = table.updates();
        if (updates.isEmpty()) {
            return;
        }
        EntityType type = table.type();
        // rows changing the same columns share one statement, sent as one JDBC batch
        Map<String, List<Integer>> bySql = new LinkedHashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            bySql.computeIfAbsent(type.updateSql(table.updatedColumns(i)), s -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> entry : bySql.entrySet()) {
            List<Integer> rows = entry.getValue();
            execute(context, pool, statements, type, "UPDATE", entry.getKey(), entry.getKey(), statement -> {
                for (int i : rows) {
                    EntityState entity = updates.get(i);
                    int p = 1;
                    for (int column : table.updatedColumns(i)) {
                        type.codec().bind(statement, p++, column, entity.values()[column]);
                    }
                    statement.setLong(p, entity.id());
                    if (rows.size() == 1) {
                        statement.executeUpdate(); // as for one INSERT: no bulk protocol for a single row
                        return;
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            });
        }
    }

    private static void delete(Context context, MySqlPool pool, Statements statements, FlushPlan.TableWork table) {
        List<EntityState> rows = table.deletes();
        EntityType type = table.type();
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            int to = Math.min(rows.size(), from + MAX_ROWS_PER_STATEMENT);
            int start = from;
            String sql = type.deleteSql(to - from);
            execute(context, pool, statements, type, "DELETE", sql, sql, statement -> {
                for (int r = start; r < to; r++) {
                    statement.setLong(r - start + 1, rows.get(r).id());
                }
                statement.executeUpdate();
            });
        }
    }

    @FunctionalInterface
    private interface StatementWork {
        void run(PreparedStatement statement) throws SQLException;
    }

    /**
     * @param shown the statement as the query log and errors show it: {@code <sql> x<rows>} for a batch,
     *        {@code <one-row sql>,… x<rows>} for a multi-row INSERT
     */
    private static void execute(Context context, MySqlPool pool, Statements statements, EntityType type,
            String operation, String sql, String shown, StatementWork work) {
        QueryLogger log = context.queryLogger();
        boolean logging = log.enabled(QuerySource.MYSQL);
        long start = logging ? System.nanoTime() : 0;
        KeptStatements kept = statements.kept();
        boolean done = false;
        try {
            PreparedStatement statement = kept != null ? kept.get(sql) : statements.connection().prepareStatement(sql);
            try {
                if (kept == null) {
                    pool.limit(statement); // a kept statement is limited from the start
                }
                work.run(statement);
                done = true;
            } finally {
                if (kept == null) {
                    statement.close();
                } else if (!done) {
                    kept.discard(sql); // it may hold part of a batch
                }
            }
            if (logging) {
                log.log(QuerySource.MYSQL, pool.code(), operation, shown, start, false, null);
            }
        } catch (SQLException e) {
            if (logging) {
                log.log(QuerySource.MYSQL, pool.code(), operation, shown, start, false, e);
            }
            FluxaException unavailable = MySqlFailures.describe(pool, e, "flushing " + type.table() + " ("
                    + operation + ")");
            throw unavailable != null ? unavailable : SqlErrors.translate(type.schema(), e, shown);
        }
    }

    /** Where a flush's statements come from: prepared and closed per statement, or kept ({@code kept} not null). */
    private record Statements(Connection connection, KeptStatements kept) {
    }
}
