package io.fluxa.mysql;

import io.fluxa.FluxaException;
import io.fluxa.PoolUnavailableException;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises the MySQL failures that are not about the statement: the pool's server could not be
 * reached or stopped answering (connect-timeout, socket-timeout, a cut connection), or a statement ran
 * past the statement-timeout. Everything else is left to the caller's translation (duplicate keys,
 * foreign keys, syntax).
 */
public final class MySqlFailures {

    /** MariaDB: max_statement_time exceeded; MySQL: max_execution_time exceeded; both: query interrupted. */
    private static final int MARIADB_STATEMENT_TIME = 1969;
    private static final int MYSQL_EXECUTION_TIME = 3024;
    private static final int INTERRUPTED = 1317;

    private MySqlFailures() {
    }

    /**
     * A {@link PoolUnavailableException} naming {@code pool} when {@code error} means the connection
     * failed, a {@link FluxaException} naming the statement-timeout when the statement was cancelled
     * for running too long, otherwise null.
     *
     * @param doing what was going on, e.g. {@code "running INSERT INTO …"}
     */
    public static FluxaException describe(MySqlPool pool, SQLException error, String doing) {
        if (isConnectionFailure(error)) {
            return new PoolUnavailableException(pool.code(), "MySQL pool '" + pool.code() + "' is unavailable while "
                    + doing + ": " + rootMessage(error) + " (connect-timeout " + seconds(pool.connectTimeout())
                    + ", socket-timeout " + seconds(pool.socketTimeout()) + " of fluxa.pools." + pool.code()
                    + ".mysql). An open transaction is rolled back; only a COMMIT, or a statement in auto-commit,"
                    + " whose answer was lost may still have been applied. Check that the server is running and"
                    + " reachable.", error);
        }
        if (isStatementTimeout(error)) {
            return new FluxaException("MySQL pool '" + pool.code() + "': the statement ran longer than the"
                    + " statement-timeout (" + seconds(pool.statementTimeout()) + ", fluxa.pools." + pool.code()
                    + ".mysql.statement-timeout) and was cancelled while " + doing + ": " + error.getMessage(), error);
        }
        return null;
    }

    /** True when {@code error} is about the connection (SQL state class 08, a timeout reading the socket). */
    public static boolean isConnectionFailure(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SocketTimeoutException || t instanceof java.io.EOFException
                    || t instanceof java.net.SocketException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    static boolean isStatementTimeout(SQLException error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException s && (s.getErrorCode() == MARIADB_STATEMENT_TIME
                    || s.getErrorCode() == MYSQL_EXECUTION_TIME || s.getErrorCode() == INTERRUPTED)) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(java.time.Duration d) {
        return d.isZero() ? "none" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String own = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return t == e || t.getMessage() == null ? own : own + " (" + t.getMessage() + ")";
    }
}
