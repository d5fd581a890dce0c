package io.fluxa.mysql;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A MySQL/MariaDB connection pool (HikariCP) with a small raw API. Thread-safe.
 * The ORM uses {@link #dataSource()} directly on hot paths.
 */
public interface MySqlPool extends SqlOperations {

    String code();

    /** The pooled data source. */
    DataSource dataSource();

    /** The database (schema) name this pool connects to. */
    String database();

    /** The server's version string, e.g. {@code 10.11.6-MariaDB}. */
    String serverVersion();

    /** How long opening a connection (and waiting for a free one) may take ({@code connect-timeout}). */
    Duration connectTimeout();

    /** How long a reply of the server may take before the connection is given up ({@code socket-timeout}); zero = no limit. */
    Duration socketTimeout();

    /**
     * How long one statement may run before the server cancels it ({@code statement-timeout}, whole
     * seconds); zero = no limit. Fluxa applies it to every statement it runs except schema changes.
     */
    Duration statementTimeout();

    /** Sets {@link #statementTimeout()} on a statement about to run (nothing when it is zero). */
    default void limit(Statement statement) throws SQLException {
        long seconds = statementTimeout().toSeconds();
        if (seconds > 0) {
            statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
        }
    }

    /** True for MariaDB, false for MySQL. */
    boolean isMariaDb();

    /** Runs {@code work} in one transaction: commit when it returns, rollback when it throws. */
    <T> T inTransaction(Function<Transaction, T> work);

    /** A new, empty pipeline on this pool. */
    DatabasePipeline pipeline();
}
