package io.fluxa.flush;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.test.FluxaTestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements kept open on a held connection, on the real MariaDB: one server prepare per text (also
 * with the pool's default statement-timeout), the timeout still enforced, bounded, closed.
 */
class KeptStatementsTest {

    private static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    private static final String DB = FluxaTestServers.databaseName("fluxa_kept_statements");
    private static final String INSERT = "INSERT INTO `rows` (`ID`, `Name`) VALUES (?, ?)";

    private static Engine engine;

    @BeforeAll
    static void start() {
        SERVERS.createDatabase(DB);
        engine = new Registry().registerMySql("kept", SERVERS.databaseUrl(DB), SERVERS.mysqlUser(),
                SERVERS.mysqlPassword(), null).validate();
        engine.db("kept").exec("CREATE TABLE `rows` (`ID` bigint NOT NULL PRIMARY KEY, `Name` varchar(30) NOT NULL)");
    }

    @AfterAll
    static void stop() {
        engine.close();
        SERVERS.dropDatabase(DB);
    }

    @Test
    void aKeptStatementIsPreparedOnceAcrossTransactionsWhereANewOneIsPreparedPerBatch() throws SQLException {
        assertThat(engine.db("kept").statementTimeout()).isPositive(); // the default: part of every statement
        try (Connection connection = engine.db("kept").dataSource().getConnection()) {
            connection.setAutoCommit(false);
            long before = serverPrepares(connection);
            try (KeptStatements kept = new KeptStatements(engine.db("kept"), connection)) {
                for (int batch = 0; batch < 5; batch++) {
                    PreparedStatement statement = kept.get(INSERT);
                    assertThat(statement).isSameAs(kept.get(INSERT));
                    insertBatch(statement, 1000 + batch * 10);
                    if (batch % 2 == 0) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                }
            }
            long kept = serverPrepares(connection) - before;
            before = serverPrepares(connection);
            for (int batch = 0; batch < 5; batch++) {
                try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                    engine.db("kept").limit(statement);
                    insertBatch(statement, 2000 + batch * 10);
                }
                connection.rollback();
            }
            long perBatch = serverPrepares(connection) - before;
            connection.setAutoCommit(true);

            assertThat(kept).isEqualTo(1);
            assertThat(perBatch).isEqualTo(5);
            assertThat(engine.db("kept").queryRows("SELECT COUNT(*) FROM `rows` WHERE `ID` BETWEEN 1000 AND 1999",
                    rs -> rs.getLong(1))).containsExactly(9L); // batches 0, 2 and 4 committed, 3 rows each
        }
    }

    @Test
    void theStatementTimeoutOfThePoolStillCancelsAKeptStatement() throws SQLException {
        try (Engine limited = new Registry().registerMySql("limited", SERVERS.databaseUrl(DB), SERVERS.mysqlUser(),
                SERVERS.mysqlPassword(), new Registry.MySqlOptions(null, null, null, null, null, null, null, null,
                        Duration.ofSeconds(1))).validate();
             Connection connection = limited.db("limited").dataSource().getConnection();
             KeptStatements kept = new KeptStatements(limited.db("limited"), connection)) {
            PreparedStatement sleep = kept.get("SELECT SLEEP(?)");
            sleep.setInt(1, 5);
            assertThatThrownBy(sleep::executeQuery).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getErrorCode()).isIn(1969, 3024)); // MariaDB's and MySQL's "statement time exceeded"
            sleep.setInt(1, 0);
            try (ResultSet rs = sleep.executeQuery()) { // the same statement runs on after the cancel
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void atMostCapacityStatementsStayOpenAndTheLeastRecentlyUsedIsClosedFirst() throws SQLException {
        try (Connection connection = engine.db("kept").dataSource().getConnection();
             KeptStatements kept = new KeptStatements(engine.db("kept"), connection)) {
            List<PreparedStatement> statements = new ArrayList<>();
            for (int i = 0; i <= KeptStatements.CAPACITY; i++) {
                statements.add(kept.get("SELECT " + i + " FROM `rows` WHERE `ID` = ?"));
                kept.get("SELECT 0 FROM `rows` WHERE `ID` = ?"); // keeps the first one recently used
            }
            assertThat(kept.size()).isEqualTo(KeptStatements.CAPACITY);
            assertThat(statements.get(0).isClosed()).isFalse();
            assertThat(statements.get(1).isClosed()).isTrue();
            assertThat(statements.get(2).isClosed()).isFalse();
        }
    }

    @Test
    void aDiscardedStatementIsClosedAndTheNextUsePreparesAFreshOne() throws SQLException {
        try (Connection connection = engine.db("kept").dataSource().getConnection();
             KeptStatements kept = new KeptStatements(engine.db("kept"), connection)) {
            PreparedStatement first = kept.get(INSERT);
            first.setLong(1, 3000);
            first.setString(2, "left in the batch");
            first.addBatch();
            kept.discard(INSERT);
            assertThat(first.isClosed()).isTrue();

            PreparedStatement second = kept.get(INSERT);
            assertThat(second).isNotSameAs(first);
            second.setLong(1, 3001);
            second.setString(2, "sent");
            second.addBatch();
            assertThat(second.executeBatch()).hasSize(1); // the discarded row is not in it
        }
        assertThat(engine.db("kept").queryRows("SELECT `ID` FROM `rows` WHERE `ID` >= 3000", rs -> rs.getLong(1)))
                .containsExactly(3001L);
    }

    @Test
    void closingClosesEveryStatementButNotTheConnection() throws SQLException {
        try (Connection connection = engine.db("kept").dataSource().getConnection()) {
            KeptStatements kept = new KeptStatements(engine.db("kept"), connection);
            PreparedStatement a = kept.get(INSERT);
            PreparedStatement b = kept.get("SELECT `Name` FROM `rows` WHERE `ID` = ?");
            kept.close();
            assertThat(a.isClosed()).isTrue();
            assertThat(b.isClosed()).isTrue();
            assertThat(kept.size()).isZero();
            assertThat(connection.isClosed()).isFalse();
            assertThat(kept.connection()).isSameAs(connection);
        }
    }

    /** Three rows from {@code firstId} as one JDBC batch (a server-side prepare plus a bulk execute). */
    private static void insertBatch(PreparedStatement statement, long firstId) throws SQLException {
        for (int i = 0; i < 3; i++) {
            statement.setLong(1, firstId + i);
            statement.setString(2, "row " + (firstId + i));
            statement.addBatch();
        }
        assertThat(statement.executeBatch()).hasSize(3);
    }

    /** This session's {@code COM_STMT_PREPARE} count. */
    private static long serverPrepares(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")) {
            rs.next();
            return rs.getLong(2);
        }
    }
}
