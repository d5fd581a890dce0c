package io.fluxa.test;

import io.fluxa.FluxaException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up failures, with servers given as environment variables would give them. */
class FluxaTestRuntimeTest {

    @FluxaTest(database = "fluxa_ts_errors", redisDb = 7, models = TestModel.class)
    static class Settings {
    }

    private static final FluxaTest SETTINGS = Settings.class.getAnnotation(FluxaTest.class);

    private static FluxaTestServers env(Map<String, String> variables) {
        FluxaTestServers real = FluxaTestServers.fromEnvironment();
        java.util.HashMap<String, String> all = new java.util.HashMap<>(Map.of(
                "FLUXA_TEST_MYSQL_URL", real.mysqlUrl(), "FLUXA_TEST_MYSQL_USER", real.mysqlUser(),
                "FLUXA_TEST_MYSQL_PASSWORD", real.mysqlPassword(), "FLUXA_TEST_REDIS", real.redis()));
        all.putAll(variables);
        return FluxaTestServers.fromEnvironment(all);
    }

    @Test
    void unreachableMySqlNamesTheVariablesToSet() {
        assertThatThrownBy(() -> FluxaTestRuntime.start(Settings.class, SETTINGS,
                env(Map.of("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:1/")), "owner"))
                .isInstanceOf(FluxaException.class)
                .hasMessageContaining("@FluxaTest on " + Settings.class.getName())
                .hasMessageContaining("cannot create databases " + FluxaTestServers.databaseName("fluxa_ts_errors") + ", "
                        + FluxaTestServers.databaseName("fluxa_ts_errors_audit") + " on the MySQL server "
                        + "jdbc:mariadb://127.0.0.1:1/ as user 'root'")
                .hasMessageContaining("set FLUXA_TEST_MYSQL_URL");
    }

    @Test
    void unreachableRedisNamesTheVariableToSetAndDropsTheDatabases() {
        assertThatThrownBy(() -> FluxaTestRuntime.start(Settings.class, SETTINGS,
                env(Map.of("FLUXA_TEST_REDIS", "127.0.0.1:1")), "owner"))
                .isInstanceOf(FluxaException.class)
                .hasMessageContaining("cannot reach Redis at 127.0.0.1:1")
                .hasMessageContaining("set FLUXA_TEST_REDIS");
        assertThat(FluxaExtensionTest.databaseExists(FluxaTestServers.databaseName("fluxa_ts_errors"))).isFalse();
    }

    @Test
    void aMalformedRedisAddressNamesTheVariable() {
        assertThatThrownBy(() -> FluxaTestRuntime.start(Settings.class, SETTINGS,
                env(Map.of("FLUXA_TEST_REDIS", "127.0.0.1:notaport")), "owner"))
                .isInstanceOf(io.fluxa.FluxaConfigException.class)
                .hasMessageContaining("'127.0.0.1:notaport' is not a Redis address")
                .hasMessageContaining("FLUXA_TEST_REDIS");
        assertThat(FluxaExtensionTest.databaseExists(FluxaTestServers.databaseName("fluxa_ts_errors"))).isFalse();
    }

    @Test
    void aMissingDriverIsExplained() {
        assertThatThrownBy(() -> FluxaTestRuntime.start(Settings.class, SETTINGS,
                env(Map.of("FLUXA_TEST_MYSQL_URL", "jdbc:nosuchdb://127.0.0.1:3306/")), "owner"))
                .isInstanceOf(FluxaException.class)
                .hasMessageContaining("Add a JDBC driver to the test class path");
    }
}
