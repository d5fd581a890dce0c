package io.fluxa.test;

import io.fluxa.FluxaConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseNamesTest {

    @Test
    void derivedNamesAreSnakeCaseWithAHashOfTheQualifiedName() {
        String name = DatabaseNames.derive("fluxa_test_", "com.acme.UserServiceIT");
        assertThat(name).matches("fluxa_test_user_service_it_[0-9a-f]{8}");
        assertThat(DatabaseNames.derive("fluxa_test_", "com.acme.UserServiceIT")).isEqualTo(name);
        assertThat(DatabaseNames.derive("fluxa_test_", "org.other.UserServiceIT")).isNotEqualTo(name)
                .startsWith("fluxa_test_user_service_it_");
        assertThat(DatabaseNames.derive("P_", "a.Outer$Inner2Test")).matches("p_outer_inner2_test_[0-9a-f]{8}");
        assertThat(DatabaseNames.snake("HTTPServerIT")).isEqualTo("http_server_it");
    }

    @Test
    void longNamesAreCutKeepingTheHashAndRoomForTheRunId() {
        String name = DatabaseNames.derive("fluxa_test_",
                "com.acme.AVeryLongTestClassNameThatGoesOnAndOnAndOnBeyondTheLimitOfMySqlTest");
        assertThat(name).hasSize(55).matches("fluxa_test_a_very_long_test_class_name_.*_[0-9a-f]{8}");
        assertThat(DatabaseNames.forPool(name, "reports")).hasSize(55).endsWith("_reports");
        assertThat(FluxaTestServers.databaseName(DatabaseNames.forPool(name, "reports"))).hasSize(64)
                .endsWith("_reports_" + FluxaTestServers.runId());
        assertThat(DatabaseNames.forPool("fluxa_ts_x", "default")).isEqualTo("fluxa_ts_x");
        assertThat(DatabaseNames.forPool("fluxa_ts_x", "Read-Model")).isEqualTo("fluxa_ts_x_read_model");
    }

    @FluxaTest(database = "bad-name")
    static class BadName {
    }

    @FluxaTest(databasePrefix = "bad prefix ")
    static class BadPrefix {
    }

    @FluxaTest(database = "fluxa_ts_given")
    static class Given {
    }

    @Test
    void givenNamesAndPrefixesAreChecked() {
        assertThat(DatabaseNames.base(Given.class, Given.class.getAnnotation(FluxaTest.class))).isEqualTo("fluxa_ts_given");
        assertThatThrownBy(() -> DatabaseNames.base(BadName.class, BadName.class.getAnnotation(FluxaTest.class)))
                .isInstanceOf(FluxaConfigException.class)
                .hasMessageContaining("@FluxaTest(database = \"bad-name\") on " + BadName.class.getName());
        assertThatThrownBy(() -> DatabaseNames.base(BadPrefix.class, BadPrefix.class.getAnnotation(FluxaTest.class)))
                .isInstanceOf(FluxaConfigException.class).hasMessageContaining("databasePrefix");
    }
}
