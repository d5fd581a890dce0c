package io.fluxa.spring.autoconfigure.schema;

import io.fluxa.Engine;
import io.fluxa.Registry;
import io.fluxa.schema.Alter;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fluxa.schema.mode=validate} next to Flyway: the engine (and so the validation) waits for the
 * migrations, which create exactly the table the entity needs.
 */
class FluxaSchemaAfterMigrationsTests {

    private static final String DB = TestServices.database("fluxa_boot_flyway");
    private static final FluxaEntityModels MODELS = TestModels.plainNotes();

    @TempDir
    Path migrations;

    @BeforeEach
    void emptyDatabaseAndOneMigration() throws IOException {
        TestServices.recreateDatabase(DB);
        Files.writeString(migrations.resolve("V1__notes.sql"), createTableStatements() + ";\n");
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    /** What Fluxa would create on the empty database: the migration a developer would write. */
    private static String createTableStatements() {
        try (Engine engine = new Registry().registerMySql("default", TestServices.jdbcUrl(DB), TestServices.MYSQL_USER,
                TestServices.MYSQL_PASSWORD, null).registerModel(MODELS.models().get(0)).validate()) {
            List<Alter> alters = engine.schema().alters();
            assertThat(alters).singleElement().satisfies(alter -> assertThat(alter.sql()).startsWith("CREATE TABLE"));
            return alters.get(0).sql();
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaSchemaAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withBean(FluxaEntityModels.class, () -> MODELS)
                .withPropertyValues("spring.datasource.url=" + TestServices.jdbcUrl(DB),
                        "spring.datasource.username=" + TestServices.MYSQL_USER,
                        "spring.datasource.password=" + TestServices.MYSQL_PASSWORD,
                        "spring.flyway.locations=filesystem:" + migrations,
                        "fluxa.pools.default.redis=" + TestServices.redisAddress(TestServices.redisDatabase()),
                        "fluxa.schema.mode=validate");
    }

    @Test
    void validationRunsAfterFlywayMigrated() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanFactory().getBeanDefinition("fluxaEngine").getDependsOn())
                    .contains("flywayInitializer");
            assertThat(context.getBean(Engine.class).schema().alters()).isEmpty();
        });
        assertThat(TestServices.columns(DB, "notes")).containsExactly("ID", "Title");
        assertThat(TestServices.queryLong("SELECT COUNT(*) FROM `" + DB + "`.`flyway_schema_history`"
                + " WHERE `success` = 1")).isEqualTo(1);
    }

    @Test
    void aMigrationThatLeavesTheSchemaBehindStillFailsValidation() throws IOException {
        Files.writeString(migrations.resolve("V1__notes.sql"),
                "CREATE TABLE `notes` (`ID` bigint unsigned NOT NULL, PRIMARY KEY (`ID`));\n");
        runner().run(context -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(FluxaSchemaMismatchException.class)
                .hasMessageContaining("ADD COLUMN `Title`"));
    }
}
