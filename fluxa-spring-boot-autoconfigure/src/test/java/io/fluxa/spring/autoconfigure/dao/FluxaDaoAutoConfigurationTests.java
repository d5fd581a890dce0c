package io.fluxa.spring.autoconfigure.dao;

import io.fluxa.Context;
import io.fluxa.DuplicateKeyException;
import io.fluxa.EntityNotFoundException;
import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.FluxaValidationException;
import io.fluxa.ForeignKeyException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.RedisCommandException;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.PlainNotesApps;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.annotation.PersistenceExceptionTranslationPostProcessor;
import org.springframework.stereotype.Repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fluxa exceptions become Spring's DataAccessExceptions, through {@code @Repository} translation. */
class FluxaDaoAutoConfigurationTests {

    private static final String DB = TestServices.database("fluxa_boot_dao");
    private static final FluxaEntityModels MODELS = PlainNotesApps.MODELS;
    private static final NoteProvider NOTES = PlainNotesApps.NOTES;

    private final ApplicationContextRunner runner = PlainNotesApps.runner(DB, FluxaAutoConfiguration.class,
            FluxaDaoAutoConfiguration.class);

    private final FluxaExceptionTranslator translator = new FluxaExceptionTranslator();

    @BeforeAll
    static void database() {
        PlainNotesApps.createDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @Test
    void repositoryBeansThrowSpringsDuplicateKeyExceptionWithFluxasAsCause() {
        runner.withBean(NoteRepository.class).run(context -> {
            assertThat(context).hasSingleBean(FluxaExceptionTranslator.class)
                    .hasSingleBean(PersistenceExceptionTranslationPostProcessor.class);
            NoteRepository repository = context.getBean(NoteRepository.class);
            repository.save("same");

            assertThatThrownBy(() -> repository.save("same"))
                    .isInstanceOf(org.springframework.dao.DuplicateKeyException.class)
                    .hasMessageContaining("duplicate value 'same'")
                    .cause().isInstanceOfSatisfying(DuplicateKeyException.class,
                            fluxa -> assertThat(fluxa.index()).isEqualTo("Title"));
            assertThatThrownBy(() -> repository.save("x".repeat(101)))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasCauseInstanceOf(FluxaValidationException.class);
            assertThat(TestServices.count(DB, "notes")).isEqualTo(1);
        });
    }

    @Test
    void mapping() {
        assertThat(translator.translateExceptionIfPossible(new ForeignKeyException("t", "fk", "missing", null)))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(translator.translateExceptionIfPossible(new EntityNotFoundException("Note", 7)))
                .isInstanceOf(EmptyResultDataAccessException.class);
        assertThat(translator.translateExceptionIfPossible(new PoolUnavailableException("default", "down")))
                .isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(translator.translateExceptionIfPossible(new RedisCommandException("default", "HGET", "WRONGTYPE",
                null))).isInstanceOf(FluxaExceptionTranslator.UncategorizedFluxaException.class);
        assertThat(translator.translateExceptionIfPossible(new FluxaException("other")))
                .isInstanceOf(FluxaExceptionTranslator.UncategorizedFluxaException.class);
        assertThat(translator.translateExceptionIfPossible(new FluxaConfigException("fluxa.x: bad"))).isNull();
        assertThat(translator.translateExceptionIfPossible(new IllegalStateException("not ours"))).isNull();
    }

    @Test
    void translationCanBeSwitchedOffLikeBoots() {
        runner.withPropertyValues("spring.dao.exceptiontranslation.enabled=false").withBean(NoteRepository.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(FluxaExceptionTranslator.class)
                            .doesNotHaveBean(PersistenceExceptionTranslationPostProcessor.class);
                    NoteRepository repository = context.getBean(NoteRepository.class);
                    assertThatThrownBy(() -> repository.save("x".repeat(101)))
                            .isInstanceOf(FluxaValidationException.class);
                });
    }

    @Test
    void anOwnTranslatorBeanWins() {
        runner.withBean("myTranslator", FluxaExceptionTranslator.class, FluxaExceptionTranslator::new)
                .run(context -> assertThat(context.getBeanNamesForType(FluxaExceptionTranslator.class))
                        .containsExactly("myTranslator"));
    }

    @Repository
    static class NoteRepository {

        private final FluxaContextFactory contexts;

        NoteRepository(FluxaContextFactory contexts) {
            this.contexts = contexts;
        }

        public void save(String title) {
            Context context = contexts.newContext();
            NOTES.newEntity(context).setTitle(title);
            context.flush();
        }
    }
}
