package io.fluxa.mysql;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaException;
import io.fluxa.Registry;
import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import io.fluxa.test.FluxaTestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The raw MySQL API on the real MariaDB: binding, reads, errors, transactions and pipelines. */
class HikariMySqlPoolTest {

    private static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    /** This test run's database: no other build uses it. */
    private static final String DB = FluxaTestServers.databaseName("fluxa_cfg_rawdb");

    private static Engine engine;
    private static MySqlPool db;

    enum Status { ACTIVE, BLOCKED }

    @BeforeAll
    static void start() {
        SERVERS.createDatabase(DB);
        engine = new Registry().registerMySql("raw", SERVERS.databaseUrl(DB), SERVERS.mysqlUser(),
                SERVERS.mysqlPassword(), null).validate();
        db = engine.db("raw");
        db.exec("CREATE TABLE `things` (`ID` bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                + "`Name` varchar(30) NOT NULL, `At` datetime(6) NULL, `Day` date NULL, "
                + "`Status` enum('ACTIVE','BLOCKED') NULL, `Price` decimal(10,2) NULL, `Note` varchar(30) NULL, "
                + "UNIQUE KEY `Name` (`Name`))");
    }

    @AfterAll
    static void stop() {
        engine.close();
        SERVERS.dropDatabase(DB);
    }

    @BeforeEach
    void empty() {
        db.exec("TRUNCATE TABLE `things`");
    }

    private static List<String> names() {
        return db.queryRows("SELECT `Name` FROM `things` ORDER BY `ID`", rs -> rs.getString(1));
    }

    @Test
    void describesItsServer() {
        assertThat(db.code()).isEqualTo("raw");
        assertThat(db.database()).isEqualTo(DB);
        assertThat(db.isMariaDb()).isEqualTo(db.serverVersion().toLowerCase().contains("mariadb"));
    }

    @Test
    void bindsJavaTimeEnumsDecimalsAndNulls() {
        Instant instant = Instant.parse("2024-02-29T23:59:58.123456Z");
        ExecResult r = db.exec("INSERT INTO `things` (`Name`, `At`, `Day`, `Status`, `Price`, `Note`) "
                + "VALUES (?, ?, ?, ?, ?, ?)", "a", instant, LocalDate.of(2024, 2, 29), Status.BLOCKED,
                new BigDecimal("12.50"), null);
        assertThat(r.rowsAffected()).isEqualTo(1);
        assertThat(r.lastInsertId()).isEqualTo(1);

        String row = db.queryRow("SELECT DATE_FORMAT(`At`, '%Y-%m-%d %H:%i:%s.%f'), `Day`, `Status`, `Price`, "
                + "`Note` IS NULL FROM `things` WHERE `ID` = ?", rs -> rs.getString(1) + "|" + rs.getString(2)
                + "|" + rs.getString(3) + "|" + rs.getBigDecimal(4) + "|" + rs.getBoolean(5), 1L).orElseThrow();
        assertThat(row).as("an Instant is stored as its UTC wall clock")
                .isEqualTo("2024-02-29 23:59:58.123456|2024-02-29|BLOCKED|12.50|true");

        db.exec("UPDATE `things` SET `At` = ? WHERE `Status` = ?", LocalDateTime.of(2020, 1, 2, 3, 4, 5),
                Status.BLOCKED);
        assertThat(db.queryRow("SELECT `At` FROM `things` WHERE `Day` = ?",
                rs -> rs.getObject(1, LocalDateTime.class), LocalDate.of(2024, 2, 29)))
                .contains(LocalDateTime.of(2020, 1, 2, 3, 4, 5));
        assertThat(db.queryRows("SELECT `Name` FROM `things` WHERE `Status` IN (?, ?)", rs -> rs.getString(1),
                Status.ACTIVE, Status.BLOCKED)).containsExactly("a");
    }

    @Test
    void queryRowReturnsEmptyForNoRowOrANullMapping() {
        assertThat(db.queryRow("SELECT `Name` FROM `things` WHERE `ID` = ?", rs -> rs.getString(1), 999))
                .isEqualTo(Optional.empty());
        db.exec("INSERT INTO `things` (`Name`) VALUES (?), (?)", "first", "second");
        assertThat(db.queryRow("SELECT `Name` FROM `things` ORDER BY `ID`", rs -> rs.getString(1)))
                .as("only the first row").contains("first");
        assertThat(db.queryRow("SELECT `Note` FROM `things` ORDER BY `ID`", rs -> rs.getString(1))).isEmpty();
        assertThat(db.queryRows("SELECT `Name` FROM `things` WHERE `ID` > ?", rs -> rs.getString(1), 99)).isEmpty();
    }

    @Test
    void execReportsRowsAffectedAndTheFirstGeneratedId() {
        ExecResult multi = db.exec("INSERT INTO `things` (`Name`) VALUES (?), (?), (?)", "a", "b", "c");
        assertThat(multi).isEqualTo(new ExecResult(3, 1));
        assertThat(db.exec("UPDATE `things` SET `Note` = ? WHERE `ID` >= ?", "x", 2)).isEqualTo(new ExecResult(2, 0));
        assertThat(db.exec("DELETE FROM `things` WHERE `ID` = ?", 42)).isEqualTo(new ExecResult(0, 0));
    }

    @Test
    void everyErrorNamesThePoolAndTheStatement() {
        assertThatThrownBy(() -> db.exec("INSERT INTO `nope` VALUES (1)")).isInstanceOf(FluxaException.class)
                .hasMessageStartingWith("MySQL pool 'raw': ").hasMessageEndingWith("[INSERT INTO `nope` VALUES (1)]")
                .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> db.queryRow("SELECT `Missing` FROM `things`", rs -> 1))
                .isInstanceOf(FluxaException.class).hasMessageStartingWith("MySQL pool 'raw': ")
                .hasMessageContaining("Missing");
        assertThatThrownBy(() -> db.queryRows("SELEC 1", rs -> 1)).isInstanceOf(FluxaException.class)
                .hasMessageStartingWith("MySQL pool 'raw': ").hasMessageEndingWith("[SELEC 1]");
        assertThatThrownBy(() -> db.exec("INSERT INTO `things` (`Name`) VALUES (?)"))
                .as("a missing parameter").isInstanceOf(FluxaException.class).hasMessageStartingWith("MySQL pool 'raw'");
        assertThatThrownBy(() -> db.inTransaction(tx -> tx.exec("UPDATE `nope` SET x = 1")))
                .isInstanceOf(FluxaException.class).hasMessageStartingWith("MySQL pool 'raw': ");
        assertThatThrownBy(() -> db.inTransaction(tx -> tx.queryRows("SELECT nope()", rs -> 1)))
                .isInstanceOf(FluxaException.class).hasMessageStartingWith("MySQL pool 'raw': ");
    }

    @Test
    void aTransactionCommitsWhenTheCallbackReturns() {
        String result = db.inTransaction(tx -> {
            long id = tx.exec("INSERT INTO `things` (`Name`) VALUES (?)", "t1").lastInsertId();
            tx.exec("UPDATE `things` SET `Note` = ? WHERE `ID` = ?", "seen", id);
            return tx.queryRow("SELECT `Note` FROM `things` WHERE `ID` = ?", rs -> rs.getString(1), id).orElseThrow()
                    + "/" + tx.queryRows("SELECT `Name` FROM `things`", rs -> rs.getString(1)).size();
        });
        assertThat(result).as("the transaction reads its own writes").isEqualTo("seen/1");
        assertThat(names()).containsExactly("t1");
    }

    @Test
    void aTransactionRollsBackWhenAStatementFails() {
        db.exec("INSERT INTO `things` (`Name`) VALUES (?)", "taken");
        assertThatThrownBy(() -> db.inTransaction(tx -> {
            tx.exec("INSERT INTO `things` (`Name`) VALUES (?)", "new");
            return tx.exec("INSERT INTO `things` (`Name`) VALUES (?)", "taken");
        })).isInstanceOf(FluxaException.class).hasMessageContaining("Duplicate entry 'taken'");
        assertThat(names()).containsExactly("taken");
        // the connection went back to the pool in auto-commit mode
        db.exec("INSERT INTO `things` (`Name`) VALUES (?)", "after");
        assertThat(names()).containsExactly("taken", "after");
    }

    @Test
    void aPipelineBatchesRunsOfTheSameStatementInOneTransaction() {
        DatabasePipeline pipeline = db.pipeline();
        assertThat(pipeline.exec()).as("an empty pipeline does nothing").isEmpty();
        pipeline.add("INSERT INTO `things` (`Name`, `Day`) VALUES (?, ?)", "p1", LocalDate.of(2024, 1, 1))
                .add("INSERT INTO `things` (`Name`, `Day`) VALUES (?, ?)", "p2", null)
                .add("UPDATE `things` SET `Status` = ? WHERE `Name` LIKE ?", Status.ACTIVE, "p%")
                .add("INSERT INTO `things` (`Name`, `Day`) VALUES (?, ?)", "p3", LocalDate.of(2024, 1, 3));
        assertThat(pipeline.size()).isEqualTo(4);
        assertThat(pipeline.exec()).containsExactly(1, 1, 2, 1);
        assertThat(pipeline.size()).as("emptied after running").isZero();
        assertThat(db.queryRows("SELECT CONCAT(`Name`, ':', IFNULL(`Status`, '-')) FROM `things` ORDER BY `ID`",
                rs -> rs.getString(1))).containsExactly("p1:ACTIVE", "p2:ACTIVE", "p3:-");
    }

    @Test
    void aFailingPipelineCommitsNothingAndKeepsItsStatements() {
        db.exec("INSERT INTO `things` (`Name`) VALUES (?)", "taken");
        DatabasePipeline pipeline = db.pipeline()
                .add("INSERT INTO `things` (`Name`) VALUES (?)", "new 1")
                .add("UPDATE `things` SET `Note` = ? WHERE `Name` = ?", "changed", "taken")
                .add("INSERT INTO `things` (`Name`) VALUES (?)", "taken")
                .add("INSERT INTO `things` (`Name`) VALUES (?)", "new 2");
        assertThatThrownBy(pipeline::exec).isInstanceOf(FluxaException.class)
                .hasMessageStartingWith("MySQL pool 'raw': ").hasMessageContaining("Duplicate entry 'taken'")
                .hasMessageEndingWith("[4 statements]");
        assertThat(names()).containsExactly("taken");
        assertThat(db.queryRow("SELECT `Note` FROM `things`", rs -> rs.getString(1))).isEmpty();
        assertThat(pipeline.size()).as("kept for inspection or a retry").isEqualTo(4);
    }

    @Test
    void queriesThroughAContextAreLoggedWithOperationAndErrors() {
        Context ctx = engine.newContext();
        List<QueryEvent> events = new ArrayList<>();
        ctx.registerQueryLogger(events::add, true, false, false);
        MySqlPool logged = ctx.db("raw");
        logged.exec("INSERT INTO `things` (`Name`) VALUES (?)", "x");
        logged.queryRows("  select `Name` from `things`", rs -> rs.getString(1));
        logged.inTransaction(tx -> tx.exec("DELETE FROM `things`"));
        ctx.databasePipeline("raw").add("INSERT INTO `things` (`Name`) VALUES (?)", "y").exec();
        assertThatThrownBy(() -> logged.exec("UPDATE `nope` SET a = 1")).isInstanceOf(FluxaException.class);
        assertThat(events).extracting(QueryEvent::operation)
                .containsExactly("INSERT", "SELECT", "DELETE", "COMMIT", "PIPELINE", "UPDATE");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(QuerySource.MYSQL);
            assertThat(e.pool()).isEqualTo("raw");
        });
        assertThat(events.get(4).query()).isEqualTo("1 statements");
        assertThat(events.get(5).error()).isInstanceOf(SQLException.class);
        assertThat(events.subList(0, 5)).allSatisfy(e -> assertThat(e.error()).isNull());

        int before = events.size();
        engine.db("raw").queryRows("SELECT 1", rs -> 1);
        assertThat(events).as("the engine's pool is not bound to the context").hasSize(before);
    }
}
