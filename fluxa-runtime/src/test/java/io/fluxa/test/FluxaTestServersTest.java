package io.fluxa.test;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FluxaTestServersTest {

    @Test
    void unsetOrBlankVariablesTakeTheLocalDefaults() {
        Map<String, String> env = new HashMap<>();
        env.put("FLUXA_TEST_MYSQL_URL", "  ");
        FluxaTestServers servers = FluxaTestServers.fromEnvironment(env);
        assertThat(servers.mysqlUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/");
        assertThat(servers.mysqlUser()).isEqualTo("root");
        assertThat(servers.mysqlPassword()).isEmpty();
        assertThat(servers.redis()).isEqualTo("127.0.0.1:6379");
    }

    @Test
    void variablesOverrideTheDefaults() {
        FluxaTestServers servers = FluxaTestServers.fromEnvironment(Map.of(
                "FLUXA_TEST_MYSQL_URL", "jdbc:mysql://db.ci:3307",
                "FLUXA_TEST_MYSQL_USER", "ci",
                "FLUXA_TEST_MYSQL_PASSWORD", " secret ",
                "FLUXA_TEST_REDIS", "redis://:pw@cache.ci:6380"));
        assertThat(servers.mysqlUrl()).isEqualTo("jdbc:mysql://db.ci:3307");
        assertThat(servers.mysqlUser()).isEqualTo("ci");
        assertThat(servers.mysqlPassword()).isEqualTo(" secret "); // passwords are taken as they are
        assertThat(servers.redis()).isEqualTo("redis://:pw@cache.ci:6380");
        assertThat(servers.redisLockKey()).isEqualTo("redis://cache.ci:6380");
        assertThat(servers.toString()).doesNotContain("pw").doesNotContain("secret");
    }

    @Test
    void databaseUrlsReplaceAnyDatabaseAndKeepTheQuery() {
        assertThat(FluxaTestServers.of("jdbc:mariadb://h:3306/", "u", null, "h:1").databaseUrl("db"))
                .isEqualTo("jdbc:mariadb://h:3306/db");
        assertThat(FluxaTestServers.of("jdbc:mariadb://h:3306", "u", null, "h:1").databaseUrl("db"))
                .isEqualTo("jdbc:mariadb://h:3306/db");
        FluxaTestServers testcontainers = FluxaTestServers.of("jdbc:mysql://localhost:32768/test?useSSL=false", "u",
                "p", "localhost:32769");
        assertThat(testcontainers.databaseUrl("db")).isEqualTo("jdbc:mysql://localhost:32768/db?useSSL=false");
        assertThat(testcontainers.serverUrl()).isEqualTo("jdbc:mysql://localhost:32768/?useSSL=false");
        assertThat(testcontainers.mysqlPassword()).isEqualTo("p");
    }

    @Test
    void hintsNameTheEnvironmentVariablesOrTheProvider() {
        FluxaTestServers env = FluxaTestServers.fromEnvironment(Map.of());
        assertThat(env.mysqlHint()).contains("FLUXA_TEST_MYSQL_URL", "FLUXA_TEST_MYSQL_USER", "FLUXA_TEST_MYSQL_PASSWORD");
        assertThat(env.redisHint()).contains("FLUXA_TEST_REDIS");
        FluxaTestServers provided = FluxaTestServers.of("jdbc:mariadb://h/", "u", "", "h:1").from(String.class);
        assertThat(provided.mysqlHint()).contains("java.lang.String").doesNotContain("FLUXA_TEST");
        assertThat(provided.redisHint()).contains("java.lang.String").doesNotContain("FLUXA_TEST");
    }
}
