package io.fluxa.spring.autoconfigure.observation;

import io.fluxa.Context;
import io.fluxa.DuplicateKeyException;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One {@code fluxa.flush} observation per flush, on real MariaDB and Redis. */
class FluxaObservationAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_observation");

    private final FluxaEntityModels models = TestModels.plainNotes();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FluxaAutoConfiguration.class, FluxaObservationAutoConfiguration.class))
            .withBean(FluxaEntityModels.class, () -> models)
            .withPropertyValues(TestServices.defaultPoolMySql(DB));

    @BeforeAll
    static void database() {
        TestServices.recreateDatabase(DB);
        TestServices.createNotesTable(DB);
    }

    @BeforeEach
    void clean() {
        TestServices.sql("DELETE FROM `" + DB + "`.`notes`");
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void aFlushIsObservedWithItsPoolModeAndOutcome() {
        runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            assertThat(context).hasNotFailed();
            TestObservationRegistry observations = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
            Context unit = context.getBean(FluxaContextFactory.class).newContext();
            NoteProvider notes = TestModels.provider(models, "Note");
            notes.newEntity(unit, 1).setTitle("observed");
            notes.newEntity(unit, 2).setTitle("observed too");
            unit.flush();

            assertThat(TestServices.count(DB, "notes")).isEqualTo(2);
            TestObservationRegistryAssert.assertThat(observations)
                    .hasNumberOfObservationsWithNameEqualTo(FluxaFlushObserver.NAME, 1)
                    .hasObservationWithNameEqualTo(FluxaFlushObserver.NAME).that()
                    .hasContextualNameEqualTo("fluxa flush")
                    .hasLowCardinalityKeyValue("fluxa.pools", "default")
                    .hasLowCardinalityKeyValue("fluxa.flush.mode", "sync")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasHighCardinalityKeyValue("fluxa.flush.entities", "2")
                    .doesNotHaveError()
                    .hasBeenStarted().hasBeenStopped();

            unit.flush(); // nothing pending: no flush, no observation
            TestObservationRegistryAssert.assertThat(observations)
                    .hasNumberOfObservationsWithNameEqualTo(FluxaFlushObserver.NAME, 1);
        });
    }

    @Test
    void aFailedFlushIsObservedWithItsError() {
        runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            TestObservationRegistry observations = (TestObservationRegistry) context.getBean(ObservationRegistry.class);
            NoteProvider notes = TestModels.provider(models, "Note");
            Context first = context.getBean(FluxaContextFactory.class).newContext();
            notes.newEntity(first, 1).setTitle("taken");
            first.flush();
            Context second = context.getBean(FluxaContextFactory.class).newContext();
            notes.newEntity(second, 2).setTitle("taken");
            assertThatThrownBy(second::flush).isInstanceOf(DuplicateKeyException.class);

            TestObservationRegistryAssert.assertThat(observations)
                    .hasNumberOfObservationsWithNameEqualTo(FluxaFlushObserver.NAME, 2)
                    .hasAnObservation(observation -> observation.hasNameEqualTo(FluxaFlushObserver.NAME)
                            .hasLowCardinalityKeyValue("outcome", "error")
                            .hasError()
                            .assertThatError().isInstanceOf(DuplicateKeyException.class));
        });
    }

    @Test
    void withoutAnObservationRegistryNoObserverIsRegistered() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("fluxaFlushObservation");
            assertThat(context.getBean(Engine.class)).isNotNull();
        });
    }
}
