package io.fluxa.spring.autoconfigure.diagnostics;

import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import io.fluxa.spring.autoconfigure.schema.FluxaSchemaAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up failures explained in Boot's "APPLICATION FAILED TO START … Action:" form. */
@ExtendWith(OutputCaptureExtension.class)
class FluxaFailureAnalyzersTests {

    private static final String DB = TestServices.database("fluxa_boot_failures");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaSchemaAutoConfiguration.class));

    @BeforeAll
    static void database() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void badPropertyIsNamedInTheAction() {
        runner.withPropertyValues("fluxa.pools.default.mysql.url=jdbc:mariadb://127.0.0.1:3306/x",
                "fluxa.pools.default.mysql.max-open-connections=0").run(context -> {
                    FailureAnalysis analysis = new FluxaConfigFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .contains("fluxa.pools.default.mysql.max-open-connections: 0 is too small");
                    assertThat(analysis.getAction()).contains("'fluxa.pools.default.mysql.max-open-connections'");
                });
    }

    @Test
    void aSpringPropertyIsNamedWhenTheValueCameFromIt() {
        runner.withPropertyValues("spring.datasource.url=mariadb://nowhere/x").run(context -> assertThat(
                new FluxaConfigFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                .contains("'spring.datasource.url'"));
    }

    @Test
    void unreachablePoolNamesThePoolAndItsSettings() {
        runner.withPropertyValues("fluxa.pools.orders.mysql.url=jdbc:mariadb://127.0.0.1:1/x").run(context -> {
            FailureAnalysis analysis = new FluxaPoolUnavailableFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("pool 'orders'", "127.0.0.1:1");
            assertThat(analysis.getAction()).contains("pool 'orders' is running", "fluxa.pools.orders.mysql");
        });
    }

    @Test
    void schemaMismatchListsTheStatementsToRun() {
        runner.withPropertyValues(TestServices.defaultPoolMySql(DB))
                .withPropertyValues("fluxa.schema.mode=validate")
                .withBean(FluxaEntityModels.class, TestModels::plainNotes)
                .run(context -> {
                    assertThat(new FluxaConfigFailureAnalyzer().analyze(context.getStartupFailure()))
                            .as("left to the schema analyzer").isNull();
                    FailureAnalysis analysis = new FluxaSchemaFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("1 alter(s) pending");
                    assertThat(analysis.getAction()).contains("fluxa.schema.mode=update", "-- pool default",
                            "CREATE TABLE `notes`");
                });
    }

    @Test
    void aRealApplicationPrintsTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(FluxaOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--fluxa.pools.default.mysql.url=jdbc:mariadb://127.0.0.1:3306/x",
                "--fluxa.pools.default.mysql.max-open-connections=0")).isNotNull();

        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "Description:",
                "fluxa.pools.default.mysql.max-open-connections: 0 is too small", "Action:",
                "Correct the property 'fluxa.pools.default.mysql.max-open-connections'");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(FluxaAutoConfiguration.class)
    static class FluxaOnly {
    }
}
