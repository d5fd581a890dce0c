package io.fluxa.engine;

import com.zaxxer.hikari.HikariConfig;
import io.fluxa.FluxaConfigException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Checks a MySQL pool's {@code default-charset} and {@code default-collation} against the server
 * before the pool sends them on every connection ({@code SET NAMES}). Without this, a name the server
 * does not know makes every connection fail, and the pool looks unreachable.
 *
 * <p>The server is the authority: the check runs the pool's own {@code SET NAMES} (which also
 * accepts aliases such as {@code utf8} and MariaDB's {@code utf8mb4_uca1400_…} names, absent from
 * {@code SHOW COLLATION}), and a configured collation must also work with {@code utf8mb4}, the
 * charset of every table schema sync creates. Only when the server refuses are the names looked up
 * ({@code SHOW CHARACTER SET}, {@code SHOW COLLATION} — read from {@code information_schema}) to say
 * which setting is wrong.
 */
final class MySqlCharsets {

    static final String DEFAULT_CHARSET = "utf8mb4";

    private static final int UNKNOWN_CHARSET = 1115;
    private static final int UNKNOWN_COLLATION = 1273;
    private static final int COLLATION_NOT_FOR_CHARSET = 1253;

    private MySqlCharsets() {
    }

    /** What every new connection of the pool runs. */
    static String initSql(Registry.MySqlOptions options) {
        return initSql(options.defaultCharset() == null ? DEFAULT_CHARSET : options.defaultCharset(),
                options.defaultCollation());
    }

    /**
     * Checks the names on one connection of a short-lived pool made from {@code config} without its
     * init SQL (same URL, credentials and timeouts). Nothing to do when neither name is set.
     *
     * @throws FluxaConfigException naming the setting the server refuses
     * @throws RuntimeException HikariCP's exception when the server cannot be reached
     */
    static void check(String code, Registry.MySqlOptions options, HikariConfig config) {
        if (options.defaultCharset() == null && options.defaultCollation() == null) {
            return;
        }
        HikariConfig probe = new HikariConfig();
        config.copyStateTo(probe);
        probe.setPoolName(config.getPoolName() + "-charset-check");
        probe.setConnectionInitSql(null);
        probe.setMaximumPoolSize(1);
        probe.setMinimumIdle(0);
        try (HikariDataSource dataSource = new HikariDataSource(probe); Connection connection = dataSource.getConnection()) {
            check(code, options, connection);
        } catch (SQLException e) {
            throw new PoolUnavailableException(code, "MySQL pool '" + code + "' failed its charset check: "
                    + e.getMessage(), e);
        }
    }

    static void check(String code, Registry.MySqlOptions options, Connection connection) throws SQLException {
        String p = "fluxa.pools." + code + ".mysql.";
        String charset = options.defaultCharset() == null ? DEFAULT_CHARSET : options.defaultCharset();
        String collation = options.defaultCollation();
        String server = connection.getMetaData().getDatabaseProductVersion();
        try (Statement s = connection.createStatement()) {
            s.execute(initSql(options));
        } catch (SQLException refused) {
            RuntimeException explained;
            try {
                explained = explain(p, code, server, charset, collation, connection, refused);
            } catch (SQLException lookupFailed) {
                refused.addSuppressed(lookupFailed);
                throw refused;
            }
            throw explained;
        }
        if (collation == null) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.executeQuery("SELECT _utf8mb4'' COLLATE " + collation).close();
        } catch (SQLException refused) {
            if (refused.getErrorCode() != COLLATION_NOT_FOR_CHARSET) {
                throw refused;
            }
            throw new FluxaConfigException(p + "default-collation: '" + collation + "' is a collation of "
                    + charsetOf(connection, collation).orElse("another charset") + ", but the tables schema sync"
                    + " creates and converts always use utf8mb4; choose a utf8mb4 collation such as "
                    + defaultCollationOf(connection, DEFAULT_CHARSET).orElse("utf8mb4_unicode_ci")
                    + " (SHOW COLLATION LIKE 'utf8mb4%' lists them), or leave default-collation unset.", refused);
        }
    }

    /** Turns the server's refusal of {@code SET NAMES} into an error naming the wrong setting. */
    private static RuntimeException explain(String p, String code, String server, String charset, String collation,
            Connection connection, SQLException refused) throws SQLException {
        String where = " of MySQL pool '" + code + "' (server " + server + ")";
        String sqlState = refused.getSQLState();
        if (sqlState != null && sqlState.startsWith("08")) {
            // the server took SET NAMES, the JDBC driver did not: MariaDB Connector/J closes connections
            // switched to a charset other than utf8mb4/utf8mb3
            return new FluxaConfigException(p + "default-charset: '" + charset + "' cannot be used by the JDBC driver"
                    + where + ": " + refused.getMessage() + " Tables always use utf8mb4; use utf8mb4 or leave"
                    + " default-charset unset.", refused);
        }
        int error = refused.getErrorCode();
        boolean aboutCollation = error == UNKNOWN_COLLATION || error == COLLATION_NOT_FOR_CHARSET;
        // the error code says which name is wrong; the lookups only decide when it does not
        if (error == UNKNOWN_CHARSET || (!aboutCollation && !charsetExists(connection, charset))) {
            return new FluxaConfigException(p + "default-charset: '" + charset + "' is not a character set" + where
                    + "; SHOW CHARACTER SET lists them, utf8mb4 is the usual choice.", refused);
        }
        if (collation != null && (error == UNKNOWN_COLLATION || (!aboutCollation && !collationExists(connection, collation)))) {
            return new FluxaConfigException(p + "default-collation: '" + collation + "' is not a collation" + where
                    + "; SHOW COLLATION LIKE '" + charset + "%' lists those of " + charset + ", e.g. "
                    + defaultCollationOf(connection, charset).orElse("utf8mb4_unicode_ci") + ".", refused);
        }
        if (collation != null && error == COLLATION_NOT_FOR_CHARSET) {
            return new FluxaConfigException(p + "default-collation: '" + collation + "' is not a collation of"
                    + " default-charset '" + charset + "'" + where + ": " + refused.getMessage() + ". Choose a "
                    + charset + " collation such as " + defaultCollationOf(connection, charset).orElse("?")
                    + ", or leave default-collation unset.", refused);
        }
        return new PoolUnavailableException(code, "MySQL pool '" + code + "' refused '" + initSql(charset, collation)
                + "', built from " + p + "default-charset and default-collation: " + refused.getMessage(), refused);
    }

    private static String initSql(String charset, String collation) {
        return "SET NAMES " + charset + (collation == null ? "" : " COLLATE " + collation);
    }

    private static boolean charsetExists(Connection connection, String charset) throws SQLException {
        return lookup(connection, "SELECT CHARACTER_SET_NAME FROM information_schema.CHARACTER_SETS"
                + " WHERE CHARACTER_SET_NAME = ?", charset).isPresent();
    }

    private static boolean collationExists(Connection connection, String collation) throws SQLException {
        return lookup(connection, "SELECT COLLATION_NAME FROM information_schema.COLLATIONS WHERE COLLATION_NAME = ?",
                collation).isPresent();
    }

    private static Optional<String> charsetOf(Connection connection, String collation) throws SQLException {
        return lookup(connection, "SELECT CHARACTER_SET_NAME FROM information_schema.COLLATIONS"
                + " WHERE COLLATION_NAME = ?", collation);
    }

    private static Optional<String> defaultCollationOf(Connection connection, String charset) throws SQLException {
        return lookup(connection, "SELECT DEFAULT_COLLATE_NAME FROM information_schema.CHARACTER_SETS"
                + " WHERE CHARACTER_SET_NAME = ?", charset);
    }

    private static Optional<String> lookup(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
