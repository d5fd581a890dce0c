package io.fluxa.embedded;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts the real embedded servers on free ports (never the default ones, so a system MariaDB or
 * Redis on this machine is not disturbed) and talks to them with the real clients.
 */
class EmbeddedServersTest {

    /** Shared by the tests of this module: the binaries are unpacked once per build. */
    static final Path DIRECTORY = Path.of("target", "embedded-test");

    @Test
    void startsMariaDbAndRedisThatTheRealClientsCanUse() throws Exception {
        EmbeddedServers servers = EmbeddedServers.start(EmbeddedSettings.of(DIRECTORY, "clients")
                .withData(DataMode.FRESH));
        int mysqlPort = servers.mysqlPort();
        int redisPort = servers.redisPort();
        try (servers) {
            assertThat(servers.mysqlUrl("app")).isEqualTo("jdbc:mariadb://127.0.0.1:" + mysqlPort + "/app");
            assertThat(servers.redisAddress(3)).isEqualTo("127.0.0.1:" + redisPort + ":3");
            assertThat(query(servers.mysqlUrl(""), "SELECT VERSION(), @@character_set_server, @@collation_server"))
                    .containsExactly("11.4.5-MariaDB", "utf8mb4", "utf8mb4_general_ci");
            sql(servers.mysqlUrl(""), "CREATE DATABASE app", "CREATE TABLE app.t (id int PRIMARY KEY, name varchar(20))",
                    "INSERT INTO app.t VALUES (1, 'ann')");
            assertThat(query(servers.mysqlUrl("app"), "SELECT name FROM t WHERE id = 1")).containsExactly("ann");
            assertThat(query(servers.mysqlUrl("app"),
                    "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_NAME = 't'"))
                    .containsExactly("utf8mb4_general_ci");
            withRedis(redisPort, 3, redis -> {
                redis.sync().set("k", "v");
                assertThat(redis.sync().get("k")).isEqualTo("v");
            });
        }
        assertThat(ServerProcess.isOpen(mysqlPort)).isFalse();
        assertThat(ServerProcess.isOpen(redisPort)).isFalse();
    }

    @Test
    void keptDataSurvivesARestartAndFreshDataIsWiped() throws Exception {
        EmbeddedSettings keep = EmbeddedSettings.of(DIRECTORY, "restart").withData(DataMode.KEEP);
        Files2.deleteRecursively(keep.dataDirectory());
        try (EmbeddedServers servers = EmbeddedServers.start(keep)) {
            sql(servers.mysqlUrl(""), "CREATE DATABASE app", "CREATE TABLE app.t (id int PRIMARY KEY)",
                    "INSERT INTO app.t VALUES (7)");
            withRedis(servers.redisPort(), 0, redis -> redis.sync().set("kept", "yes"));
        }
        try (EmbeddedServers servers = EmbeddedServers.start(keep)) {
            assertThat(query(servers.mysqlUrl("app"), "SELECT id FROM t")).containsExactly("7");
            withRedis(servers.redisPort(), 0, redis -> assertThat(redis.sync().get("kept")).isEqualTo("yes"));
        }
        try (EmbeddedServers servers = EmbeddedServers.start(keep.withData(DataMode.FRESH))) {
            assertThat(query(servers.mysqlUrl(""), "SELECT COUNT(*) FROM information_schema.SCHEMATA "
                    + "WHERE SCHEMA_NAME = 'app'")).containsExactly("0");
            withRedis(servers.redisPort(), 0, redis -> assertThat(redis.sync().get("kept")).isNull());
        }
    }

    @Test
    void aDataDirectoryInUseIsRefusedWithTheDirectoryNamed() {
        EmbeddedSettings onlyRedis = EmbeddedSettings.of(DIRECTORY, "busy").withMysqlPort(EmbeddedSettings.DISABLED);
        try (EmbeddedServers first = EmbeddedServers.start(onlyRedis)) {
            assertThat(first.hasMysql()).isFalse();
            assertThatThrownBy(() -> EmbeddedServers.start(onlyRedis))
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("Another process runs embedded servers on " + DIRECTORY.toAbsolutePath().resolve("busy"))
                    .hasMessageContaining("fluxa.embedded.directory");
        }
        // released on close: a new start works
        try (EmbeddedServers again = EmbeddedServers.start(onlyRedis)) {
            assertThat(again.hasRedis()).isTrue();
        }
    }

    @Test
    void aTakenPortIsReportedBeforeAnythingStarts() {
        try (EmbeddedServers first = EmbeddedServers.start(EmbeddedSettings.of(DIRECTORY, "port-a")
                .withMysqlPort(EmbeddedSettings.DISABLED))) {
            EmbeddedSettings clash = EmbeddedSettings.of(DIRECTORY, "port-b").withMysqlPort(EmbeddedSettings.DISABLED)
                    .withRedisPort(first.redisPort());
            assertThatThrownBy(() -> EmbeddedServers.start(clash))
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("Cannot start the embedded Redis on 127.0.0.1:" + first.redisPort())
                    .hasMessageContaining("something already listens there");
        }
    }

    static void sql(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, EmbeddedServers.MYSQL_USER, EmbeddedServers.MYSQL_PASSWORD);
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The first row of {@code sql}, every column as a string. */
    static List<String> query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, EmbeddedServers.MYSQL_USER, EmbeddedServers.MYSQL_PASSWORD);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> row = new ArrayList<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
            }
            return row;
        }
    }

    interface RedisWork {
        void run(StatefulRedisConnection<String, String> connection);
    }

    static void withRedis(int port, int db, RedisWork work) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port + "/" + db);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            work.run(connection);
        } finally {
            client.shutdown();
        }
    }
}
