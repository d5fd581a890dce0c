package io.fluxa.spring.autoconfigure.schema;

import io.fluxa.Engine;
import io.fluxa.FluxaConfigException;
import io.fluxa.Registry;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.FluxaProperties;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fluxa.schema.mode} on start-up, against a real database. */
class FluxaSchemaAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_schema");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaSchemaAutoConfiguration.class))
            .withBean(FluxaEntityModels.class, TestModels::plainNotes)
            .withPropertyValues(TestServices.defaultPoolMySql(DB));

    @BeforeEach
    void emptyDatabase() {
        TestServices.recreateDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void noneLeavesTheDatabaseAlone() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FluxaProperties.class).schema().mode()).isEqualTo(FluxaProperties.SchemaMode.NONE);
            assertThat(context.getBean(Engine.class).schema().alters()).isNotEmpty();
        });
        assertThat(TestServices.columns(DB, "notes")).isEmpty();
    }

    @Test
    void validateFailsStartUpListingThePendingAlters() {
        runner.withPropertyValues("fluxa.schema.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(FluxaConfigException.class)
                    .hasMessageContaining("fluxa.schema.mode=validate")
                    .hasMessageContaining("1 alter(s) pending")
                    .hasMessageContaining("[default] CREATE TABLE `notes`");
        });
    }

    @Test
    void validatePassesWhenTheDatabaseMatches() {
        runner.withPropertyValues("fluxa.schema.mode=update").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("fluxa.schema.mode=validate").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Engine.class).schema().alters()).isEmpty();
        });
    }

    @Test
    void updateAppliesTheSafeAlters() {
        TestServices.sql("CREATE TABLE `" + DB + "`.`notes` (`ID` bigint unsigned NOT NULL, PRIMARY KEY (`ID`))");
        runner.withPropertyValues("fluxa.schema.mode=update").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Engine.class).schema().alters()).isEmpty();
        });
        assertThat(TestServices.columns(DB, "notes")).containsExactly("ID", "Title");
    }

    @Test
    void updateLeavesUnsafeAltersUnlessAllowed() {
        TestServices.sql("CREATE TABLE `" + DB + "`.`notes` (`ID` bigint unsigned NOT NULL,"
                + " `Title` varchar(100) NOT NULL, `Legacy` int, PRIMARY KEY (`ID`), UNIQUE KEY `Title` (`Title`))");

        runner.withPropertyValues("fluxa.schema.mode=update").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Engine.class).schema().alters()).singleElement()
                    .satisfies(alter -> {
                        assertThat(alter.safe()).isFalse();
                        assertThat(alter.sql()).contains("DROP COLUMN `Legacy`");
                    });
        });
        assertThat(TestServices.columns(DB, "notes")).contains("Legacy");

        runner.withPropertyValues("fluxa.schema.mode=update", "fluxa.schema.allow-unsafe=true")
                .run(context -> assertThat(context.getBean(Engine.class).schema().alters()).isEmpty());
        assertThat(TestServices.columns(DB, "notes")).containsExactly("ID", "Title");
    }

    @Test
    void validateAlsoReportsUnsafeAlters() {
        TestServices.sql("CREATE TABLE `" + DB + "`.`notes` (`ID` bigint unsigned NOT NULL,"
                + " `Title` varchar(100) NOT NULL, `Legacy` int, PRIMARY KEY (`ID`), UNIQUE KEY `Title` (`Title`))");
        runner.withPropertyValues("fluxa.schema.mode=validate").run(context -> assertThat(context.getStartupFailure())
                .rootCause().hasMessageContaining("[default, unsafe] ALTER TABLE `notes` DROP COLUMN `Legacy`"));
    }

    @Test
    void anInitializerTheApplicationDeclaresWins() {
        runner.withPropertyValues("fluxa.schema.mode=validate")
                .withBean("mySchema", FluxaSchemaInitializer.class,
                        () -> new FluxaSchemaInitializer(new FluxaProperties.Schema(FluxaProperties.SchemaMode.NONE, false)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeanNamesForType(FluxaSchemaInitializer.class)).containsExactly("mySchema");
                });
    }

    @Test
    void anEngineTheApplicationDeclaresIsNotTouched() {
        runner.withPropertyValues("fluxa.schema.mode=update")
                .withBean("myEngine", Engine.class, () -> new Registry()
                        .registerMySql("default", TestServices.jdbcUrl(DB), TestServices.MYSQL_USER,
                                TestServices.MYSQL_PASSWORD, null)
                        .registerModel(TestModels.plainNotes().models().get(0)).validate())
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(TestServices.columns(DB, "notes")).isEmpty();
    }
}
