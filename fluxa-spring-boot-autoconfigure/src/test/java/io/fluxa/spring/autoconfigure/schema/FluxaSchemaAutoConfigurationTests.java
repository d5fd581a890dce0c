package io.fluxa.spring.autoconfigure.schema;

import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.TestModelsAccess;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fluxa.schema.mode} against a real database: a test entity {@code Note} in table {@code notes}. */
class FluxaSchemaAutoConfigurationTests {

    static final String DB = "fluxa_spring_schema";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaSchemaAutoConfiguration.class))
            .withBean(FluxaEntityModels.class, TestModelsAccess::plainNotes)
            .withPropertyValues("fluxa.pools.default.mysql.url=" + TestServices.jdbcUrl(DB),
                    "fluxa.pools.default.mysql.username=" + TestServices.MYSQL_USER,
                    "fluxa.pools.default.mysql.password=" + TestServices.MYSQL_PASSWORD);

    @BeforeEach
    void emptyDatabase() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void dropDatabase() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void noneLeavesTheDatabaseAlone() {
        runner.run(context -> assertThat(context).hasNotFailed());
        assertThat(TestServices.columns(DB, "notes")).isEmpty();
    }

    @Test
    void validateFailsStartUpListingThePendingAlters() {
        runner.withPropertyValues("fluxa.schema.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("fluxa.schema.mode=validate")
                    .hasMessageContaining("CREATE TABLE")
                    .hasMessageContaining("notes");
        });
    }

    @Test
    void updateAppliesSafeAltersThenValidatePasses() {
        runner.withPropertyValues("fluxa.schema.mode=update").run(context -> assertThat(context).hasNotFailed());
        assertThat(TestServices.columns(DB, "notes")).containsExactly("ID", "Title");

        runner.withPropertyValues("fluxa.schema.mode=validate").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void unsafeAltersNeedTheFlag() {
        runner.withPropertyValues("fluxa.schema.mode=update").run(context -> assertThat(context).hasNotFailed());
        TestServices.sql("ALTER TABLE `" + DB + "`.`notes` ADD COLUMN `Obsolete` int NULL");

        runner.withPropertyValues("fluxa.schema.mode=update").run(context -> assertThat(context).hasNotFailed());
        assertThat(TestServices.columns(DB, "notes")).as("unsafe drop skipped").contains("Obsolete");

        runner.withPropertyValues("fluxa.schema.mode=update", "fluxa.schema.allow-unsafe=true")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(TestServices.columns(DB, "notes")).containsExactly("ID", "Title");
    }

    @Test
    void userInitializerReplacesTheSchemaStep() {
        runner.withPropertyValues("fluxa.schema.mode=validate")
                .withBean(FluxaSchemaInitializer.class, () -> new FluxaSchemaInitializer(
                        new io.fluxa.spring.autoconfigure.FluxaProperties.Schema(
                                io.fluxa.spring.autoconfigure.FluxaProperties.SchemaMode.NONE, false)))
                .run(context -> assertThat(context).hasNotFailed());
    }
}
