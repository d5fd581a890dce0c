package io.fluxa;

import io.fluxa.log.QueryEvent;
import io.fluxa.log.QuerySource;
import io.fluxa.mysql.ExecResult;
import io.fluxa.mysql.MySqlPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineIntegrationTest {

    private static final String DB = io.fluxa.test.FluxaTestServers.databaseName("fluxa_core_engine");
    private static Engine engine;
    private static final List<QueryEvent> engineEvents = new ArrayList<>();

    @BeforeAll
    static void start() {
        engine = new Registry()
                .registerMySql("default", TestServices.freshDatabase(DB), TestServices.MYSQL_USER,
                        TestServices.MYSQL_PASSWORD, null)
                .registerRedis("default", TestServices.redisAddress(), null)
                .registerLocalCache("default", 100)
                .registerStream("events", "default")
                .setOption("answer", 42)
                .addQueryLogHandler(engineEvents::add, true, false, false)
                .validate();
    }

    @AfterAll
    static void stop() {
        engine.close();
        TestServices.dropDatabase(DB);
    }

    @Test
    void validateConnectsEveryPoolAndSizesMySqlFromTheServer() {
        MySqlPool db = engine.db("default");
        assertThat(db.database()).isEqualTo(DB);
        assertThat(db.isMariaDb()).isTrue();
        assertThat(db.serverVersion()).contains("MariaDB");
        int maxConnections = db.queryRow("SELECT @@max_connections", rs -> rs.getInt(1)).orElseThrow();
        com.zaxxer.hikari.HikariDataSource ds = (com.zaxxer.hikari.HikariDataSource) db.dataSource();
        assertThat(ds.getMaximumPoolSize()).isEqualTo(Math.max(2, Math.min(32, maxConnections / 10)));
        assertThat(engine.redis("default").database()).isEqualTo(TestServices.redisDatabase());
        assertThat(engine.redis("default").serverVersion()).matches("\\d+\\.\\d+.*");
        assertThat(engine.localCache("default").limit()).isEqualTo(100);
        assertThat(engine.option("answer")).isEqualTo(42);
        assertThat(engine.options()).containsEntry("answer", 42);
    }

    @Test
    void unknownPoolsAreNamed() {
        assertThatThrownBy(() -> engine.db("reports")).isInstanceOf(PoolUnavailableException.class)
                .hasMessageContaining("no MySQL pool 'reports'").hasMessageContaining("registered: default");
        assertThatThrownBy(() -> engine.redis("cache2")).isInstanceOf(PoolUnavailableException.class)
                .hasMessageContaining("no Redis pool 'cache2'");
        assertThatThrownBy(() -> engine.localCache("x")).isInstanceOf(PoolUnavailableException.class)
                .hasMessageContaining("no local cache pool 'x'");
    }

    @Test
    void rawDatabaseApiWithTransactionsAndPipeline() {
        MySqlPool db = engine.db("default");
        db.exec("CREATE TABLE IF NOT EXISTS `raw_items` (`ID` bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                + "`Name` varchar(20) NOT NULL)");
        db.exec("TRUNCATE TABLE `raw_items`");
        ExecResult inserted = db.exec("INSERT INTO `raw_items` (`Name`) VALUES (?)", "first");
        assertThat(inserted.rowsAffected()).isEqualTo(1);
        assertThat(inserted.lastInsertId()).isPositive();
        assertThat(db.queryRow("SELECT `Name` FROM `raw_items` WHERE `ID` = ?", rs -> rs.getString(1),
                inserted.lastInsertId())).contains("first");

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            tx.exec("INSERT INTO `raw_items` (`Name`) VALUES (?)", "rolled back");
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(db.queryRows("SELECT `Name` FROM `raw_items` ORDER BY `ID`", rs -> rs.getString(1)))
                .containsExactly("first");

        long[] affected = db.pipeline()
                .add("INSERT INTO `raw_items` (`Name`) VALUES (?)", "a")
                .add("INSERT INTO `raw_items` (`Name`) VALUES (?)", "b")
                .add("UPDATE `raw_items` SET `Name` = ? WHERE `Name` = ?", "first!", "first")
                .exec();
        assertThat(affected).containsExactly(1, 1, 1);
        assertThat(db.queryRows("SELECT `Name` FROM `raw_items` ORDER BY `ID`", rs -> rs.getString(1)))
                .containsExactly("first!", "a", "b");

        assertThatThrownBy(() -> db.exec("INSERT INTO `missing_table` VALUES (1)"))
                .isInstanceOf(FluxaException.class).hasMessageContaining("MySQL pool 'default'")
                .hasMessageContaining("missing_table");
    }

    @Test
    void contextQueryLoggerSeesContextQueriesWithMetadata() {
        Context ctx = engine.newContext();
        List<QueryEvent> events = new ArrayList<>();
        ctx.setMetaData("request", "r-1");
        ctx.registerQueryLogger(events::add, true, true, true);
        ctx.db("default").queryRow("SELECT 1", rs -> rs.getInt(1));
        assertThat(events).hasSize(1);
        QueryEvent e = events.get(0);
        assertThat(e.source()).isEqualTo(QuerySource.MYSQL);
        assertThat(e.pool()).isEqualTo("default");
        assertThat(e.operation()).isEqualTo("SELECT");
        assertThat(e.query()).isEqualTo("SELECT 1");
        assertThat(e.metaData()).isEqualTo(Map.of("request", "r-1"));
        assertThat(e.finished()).isAfterOrEqualTo(e.started());
        assertThat(e.error()).isNull();

        int before = engineEvents.size();
        engine.db("default").queryRow("SELECT 2", rs -> rs.getInt(1));
        assertThat(engineEvents).hasSize(before + 1);
        assertThat(engineEvents.get(before).query()).isEqualTo("SELECT 2");
    }

    @Test
    void cloneSharesMetadataAndLoggersButNotTrackedEntities() {
        Context ctx = engine.newContext();
        List<QueryEvent> events = new ArrayList<>();
        ctx.registerQueryLogger(events::add, true, false, false);
        ctx.setMetaData("user", "7");
        ctx.setContextCacheTtl(java.time.Duration.ofSeconds(5));
        Context copy = ctx.clone();
        assertThat(copy.getMetaData("user")).isEqualTo("7");
        copy.setMetaData("user", "8");
        assertThat(ctx.getMetaData("user")).isEqualTo("7");
        copy.db("default").queryRow("SELECT 3", rs -> rs.getInt(1));
        assertThat(events).singleElement().satisfies(e -> assertThat(e.metaData()).containsEntry("user", "8"));
        assertThat(copy.pendingChanges()).isZero();
        assertThat(copy.contextCache().enabled()).isTrue();
        ctx.disableContextCache();
        assertThat(ctx.clone().contextCache().enabled()).isFalse();
    }

    @Test
    void flushWithNothingTrackedDoesNothing() {
        Context ctx = engine.newContext();
        ctx.flush();
        assertThat(ctx.pendingChanges()).isZero();
    }
}
