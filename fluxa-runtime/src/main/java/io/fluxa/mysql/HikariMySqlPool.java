package io.fluxa.mysql;

import io.fluxa.FluxaException;
import io.fluxa.log.QueryLogger;
import io.fluxa.log.QuerySource;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The {@link MySqlPool} implementation. One instance holds the data source: usually a HikariCP pool
 * it owns (and closes), or a data source the application owns (then {@link #close()} leaves it
 * open). Context-bound views made by {@link #withLogger} share it and report queries to their context.
 */
public final class HikariMySqlPool implements MySqlPool, AutoCloseable {

    private final String code;
    private final DataSource dataSource;
    private final boolean ownsDataSource;
    private final String database;
    private final String serverVersion;
    private final Timeouts timeouts;
    private final QueryLogger logger;

    /**
     * The timeouts a pool was configured with; for a pool Fluxa owns, the connect and socket ones are
     * already in the data source (HikariCP's connection timeout, the driver's {@code connectTimeout}
     * and {@code socketTimeout}); the statement one is set on each statement.
     */
    public record Timeouts(Duration connect, Duration socket, Duration statement) {
    }

    /** A pool that owns {@code dataSource} and closes it. */
    public HikariMySqlPool(String code, DataSource dataSource, String database, String serverVersion,
            Timeouts timeouts, QueryLogger logger) {
        this(code, dataSource, true, database, serverVersion, timeouts, logger);
    }

    /** @param ownsDataSource whether {@link #close()} closes {@code dataSource} */
    public HikariMySqlPool(String code, DataSource dataSource, boolean ownsDataSource, String database,
            String serverVersion, Timeouts timeouts, QueryLogger logger) {
        this.code = code;
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.database = database;
        this.serverVersion = serverVersion;
        this.timeouts = timeouts;
        this.logger = logger;
    }

    /** A view on the same data source that reports queries to {@code otherLogger}. */
    public HikariMySqlPool withLogger(QueryLogger otherLogger) {
        return new HikariMySqlPool(code, dataSource, ownsDataSource, database, serverVersion, timeouts, otherLogger);
    }

    /** Whether the data source is Fluxa's own (false: the application's, see {@code Registry.registerMySql(code, DataSource, options)}). */
    public boolean ownsDataSource() {
        return ownsDataSource;
    }

    @Override
    public Duration connectTimeout() {
        return timeouts.connect();
    }

    @Override
    public Duration socketTimeout() {
        return timeouts.socket();
    }

    @Override
    public Duration statementTimeout() {
        return timeouts.statement();
    }


    @Override
    public String code() {
        return code;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public boolean isMariaDb() {
        return serverVersion.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    @Override
    public ExecResult exec(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return exec(c, sql, args);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    @Override
    public <T> Optional<T> queryRow(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return queryRow(c, sql, mapper, args);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    @Override
    public <T> List<T> queryRows(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return queryRows(c, sql, mapper, args);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    @Override
    public <T> T inTransaction(Function<Transaction, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(new ConnectionTransaction(c));
                long start = System.nanoTime();
                c.commit();
                log("COMMIT", "COMMIT", start, null);
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("COMMIT", e);
        }
    }

    @Override
    public DatabasePipeline pipeline() {
        return new BatchingPipeline(this);
    }

    @Override
    public void close() {
        if (ownsDataSource && dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new FluxaException("MySQL pool '" + code + "': closing the connection pool failed: "
                        + e.getMessage(), e);
            }
        }
    }

    // ---- shared statement helpers (package-private: the pipeline uses them) -------------------

    ExecResult exec(Connection c, String sql, Object... args) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            limit(ps);
            bind(ps, args);
            long rows = ps.executeLargeUpdate();
            long lastId = 0;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (keys.next()) {
                    lastId = keys.getLong(1);
                }
            }
            log(operation(sql), sql, start, null);
            return new ExecResult(rows, lastId);
        } catch (SQLException e) {
            log(operation(sql), sql, start, e);
            throw e;
        }
    }

    <T> Optional<T> queryRow(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            limit(ps);
            bind(ps, args);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                Optional<T> row = rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
                log("SELECT", sql, start, null);
                return row;
            }
        } catch (SQLException e) {
            log("SELECT", sql, start, e);
            throw e;
        }
    }

    <T> List<T> queryRows(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            limit(ps);
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                log("SELECT", sql, start, null);
                return rows;
            }
        } catch (SQLException e) {
            log("SELECT", sql, start, e);
            throw e;
        }
    }

    void log(String operation, String sql, long startNanos, Throwable error) {
        if (logger.enabled(QuerySource.MYSQL)) {
            logger.log(QuerySource.MYSQL, code, operation, sql, startNanos, false, error);
        }
    }

    FluxaException failure(String sql, SQLException e) {
        FluxaException known = MySqlFailures.describe(this, e, "running " + sql);
        if (known != null) {
            return known;
        }
        return new FluxaException("MySQL pool '" + code + "': " + e.getMessage() + " [" + sql + "]", e);
    }

    static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, toJdbc(args[i]));
        }
    }

    static Object toJdbc(Object value) {
        if (value instanceof Instant instant) {
            return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        }
        if (value instanceof LocalDateTime dateTime) {
            return Timestamp.valueOf(dateTime);
        }
        if (value instanceof LocalDate date) {
            return Date.valueOf(date);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value;
    }

    static String operation(String sql) {
        String trimmed = sql.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private final class ConnectionTransaction implements Transaction {
        private final Connection connection;

        ConnectionTransaction(Connection connection) {
            this.connection = connection;
        }

        @Override
        public ExecResult exec(String sql, Object... args) {
            try {
                return HikariMySqlPool.this.exec(connection, sql, args);
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        }

        @Override
        public <T> Optional<T> queryRow(String sql, RowMapper<T> mapper, Object... args) {
            try {
                return HikariMySqlPool.this.queryRow(connection, sql, mapper, args);
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        }

        @Override
        public <T> List<T> queryRows(String sql, RowMapper<T> mapper, Object... args) {
            try {
                return HikariMySqlPool.this.queryRows(connection, sql, mapper, args);
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        }
    }
}
