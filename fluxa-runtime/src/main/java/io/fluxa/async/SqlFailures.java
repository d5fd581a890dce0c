package io.fluxa.async;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Sorts a failure to apply an entry: transient (retry the batch later, the entries stay unapplied)
 * or permanent (this entry can never apply as written: it goes to the dead letters).
 */
final class SqlFailures {

    /** MySQL/MariaDB error codes worth retrying: lock wait timeout, deadlock, too many connections,
     * server shutdown, server gone away, lost connection, connection killed, read-only (failover). */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1213, 1040, 1053, 2006, 2013, 1927, 1290, 1836,
            1969, 3024);

    /** Transient failures caused by the entry's own statements: lock wait timeout, deadlock, statement
     * timeout (MariaDB max_statement_time, MySQL max_execution_time). */
    private static final Set<Integer> ENTRY_CODES = Set.of(1205, 1213, 1969, 3024);

    private SqlFailures() {
    }

    /**
     * True for the transient failures the dead-letter threshold counts: those of the entry's own
     * statements (lock wait timeout, deadlock, statement timeout). A failure that is about the
     * connection or the server (lost or refused connection, server gone or shutting down, too many
     * connections, read-only) never counts: an outage must not empty the stream into the dead letters.
     */
    static boolean isEntryFailure(Throwable failure) {
        boolean entry = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                if (sql instanceof java.sql.SQLTransientConnectionException
                        || sql instanceof java.sql.SQLNonTransientConnectionException
                        || sql instanceof SQLRecoverableException) {
                    return false;
                }
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && state.startsWith("08")) {
                        return false;
                    }
                    entry |= ENTRY_CODES.contains(s.getErrorCode()) || "40001".equals(state)
                            || s instanceof java.sql.SQLTimeoutException;
                }
            }
        }
        return entry;
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (TRANSIENT_CODES.contains(s.getErrorCode()) || (state != null && state.startsWith("08"))
                            || "40001".equals(state) || "HY008".equals(state)) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
