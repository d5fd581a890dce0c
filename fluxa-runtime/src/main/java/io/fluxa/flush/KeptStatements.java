package io.fluxa.flush;

import io.fluxa.mysql.MySqlPool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements kept open on one connection that a caller holds from one transaction to the
 * next (the async flush consumer), so the same statement text is prepared once, not once per batch.
 * With MariaDB Connector/J a JDBC batch goes as a server-side prepare plus a bulk execute; a statement
 * closed after every batch costs the server a prepare and a close each time (20 of each in a
 * 10 000-entry drain of 500-entry batches; docs/benchmarks.md, "Consumer throughput, eighth round").
 *
 * <p>The pool's statement-timeout is part of a kept statement from the start. On MariaDB it is written
 * into the statement text ({@code SET STATEMENT max_statement_time=… FOR …}): MariaDB Connector/J
 * implements a JDBC query timeout with that same prefix, but for a batch it then prepares the
 * prefixed text again on every execution, which would undo the keeping.
 *
 * <p>At most {@value #CAPACITY} statements stay open, the least recently used is closed first. A
 * statement whose use failed is closed and forgotten, so a half-built batch is never sent later. One
 * thread only; {@link #close} when the connection is given back.
 */
public final class KeptStatements implements AutoCloseable {

    /** Enough for every statement of a few tables; DELETE … IN texts vary with the row count. */
    static final int CAPACITY = 64;

    private final MySqlPool pool;
    private final Connection connection;
    /** Put before every statement text: the statement-timeout on MariaDB, else empty. */
    private final String prefix;
    private final Map<String, PreparedStatement> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > CAPACITY) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /**
     * @param pool the pool {@code connection} belongs to (its statement-timeout applies to every statement)
     * @param connection the connection every statement is prepared on
     */
    public KeptStatements(MySqlPool pool, Connection connection) {
        this.pool = pool;
        this.connection = connection;
        long seconds = pool.statementTimeout().toSeconds();
        this.prefix = pool.isMariaDb() && seconds > 0 ? "SET STATEMENT max_statement_time=" + seconds + " FOR " : "";
    }

    /** The connection the statements belong to. */
    public Connection connection() {
        return connection;
    }

    /** The open statement for {@code sql}, prepared (with the pool's statement-timeout) on first use. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement statement = open.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(prefix + sql);
            try {
                if (prefix.isEmpty()) {
                    pool.limit(statement);
                }
            } catch (SQLException e) {
                closeQuietly(statement);
                throw e;
            }
            open.put(sql, statement);
        }
        return statement;
    }

    /** Closes and forgets the statement for {@code sql} (its last use failed). */
    void discard(String sql) {
        PreparedStatement statement = open.remove(sql);
        if (statement != null) {
            closeQuietly(statement);
        }
    }

    /** How many statements are open. */
    int size() {
        return open.size();
    }

    /** Closes every statement; the connection stays open. */
    @Override
    public void close() {
        for (PreparedStatement statement : open.values()) {
            closeQuietly(statement);
        }
        open.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // a statement of a broken connection: the pool drops the connection anyway
        }
    }
}
