package io.fluxa.spring.test;

import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.FluxaProperties;
import io.fluxa.spring.autoconfigure.NoteEntity;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import io.fluxa.spring.autoconfigure.web.FluxaAutoFlushFilter;
import io.fluxa.spring.test.scanned.NoteService;
import io.fluxa.spring.test.scanned.OtherComponent;
import io.fluxa.test.FluxaTestServers;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.dao.support.PersistenceExceptionTranslator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slice on real MariaDB and Redis: only Fluxa's auto-configuration and the included component
 * start, the pools point at databases of the test run with the tables created, and every test
 * starts from empty tables and an empty Redis database (the fixture written in {@code @BeforeEach}
 * survives, and its id is 1 again because Redis' id counter was emptied too).
 */
@FluxaDataTest(properties = "fluxa.context-cache.enabled=false",
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = NoteService.class))
class FluxaDataTestTests {

    static final FluxaEntityModels MODELS = TestModels.notes();
    /** Generated providers are beans when their model is service-loaded; this hand-made model is not. */
    static final NoteProvider notes = TestModels.provider(MODELS, "Note");

    @Autowired
    ApplicationContext context;

    @Autowired
    Engine engine;

    NoteEntity fixture;

    @BeforeEach
    void fixture() {
        Context writes = engine.newContext();
        fixture = notes.newEntity(writes);
        fixture.setTitle("fixture");
        writes.flush();
    }

    @Test
    void startsOnlyFluxasAutoConfigurationAndTheIncludedComponents() {
        assertThat(context.getBeanNamesForType(Engine.class)).hasSize(1);
        assertThat(context.getBean(Context.class)).isNotNull();
        assertThat(context.getBeanNamesForType(PersistenceExceptionTranslator.class)).isNotEmpty();
        assertThat(context.getBeanNamesForType(NoteService.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(OtherComponent.class)).as("application components are left out")
                .isEmpty();
        assertThat(context.getBeanNamesForType(FluxaAutoFlushFilter.class)).as("no web layer").isEmpty();
        assertThat(context.getBeanNamesForType(MeterBinder.class)).as("no metrics").isEmpty();
        assertThat(context.getBean(FluxaProperties.class).contextCache().enabled()).as("the slice's properties")
                .isFalse();
    }

    @Test
    void poolsPointAtDatabasesOfTheTestRunWithTheTablesCreated() {
        String database = engine.db("default").database();
        assertThat(database).startsWith("fluxa_data_test_").endsWith("_" + FluxaTestServers.runId());
        assertThat(TestServices.count(database, "notes")).isEqualTo(1);
    }

    @Test
    void eachTestStartsEmptyAndItsBeforeEachDataSurvives() {
        assertThat(fixture.getId()).as("Redis (and its id counter) was emptied").isEqualTo(1);
        Context writes = engine.newContext();
        notes.newEntity(writes).setTitle("second");
        writes.flush();

        assertThat(TestServices.count(engine.db("default").database(), "notes")).isEqualTo(2);
    }

    @Test
    void anotherTestSeesOnlyItsOwnFixture() {
        assertThat(fixture.getId()).isEqualTo(1);
        Context reads = engine.newContext();
        assertThat(notes.getById(reads, fixture.getId())).hasValueSatisfying(
                note -> assertThat(note.getTitle()).isEqualTo("fixture"));
        assertThat(TestServices.count(engine.db("default").database(), "notes")).isEqualTo(1);
    }

    @SpringBootConfiguration
    @ComponentScan(basePackageClasses = NoteService.class,
            excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
    static class App {

        @Bean
        FluxaEntityModels fluxaEntityModels() {
            return MODELS;
        }
    }
}
