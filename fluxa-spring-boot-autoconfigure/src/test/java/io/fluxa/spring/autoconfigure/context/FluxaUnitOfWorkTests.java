package io.fluxa.spring.autoconfigure.context;

import io.fluxa.Context;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextCustomizer;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.PlainNotesApps;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Units of work outside HTTP requests: {@code @Scheduled} jobs, event listeners, {@code @Async}
 * methods and {@code CompletableFuture} stages use the injected Context inside
 * {@code @FluxaUnitOfWork} or {@link FluxaUnitOfWorkTemplate}, and their changes reach MariaDB.
 */
class FluxaUnitOfWorkTests {

    private static final String DB = TestServices.database("fluxa_boot_uow");
    private static final FluxaEntityModels MODELS = PlainNotesApps.MODELS;
    private static final NoteProvider NOTES = PlainNotesApps.NOTES;

    private final ApplicationContextRunner runner = PlainNotesApps.runner(DB, FluxaAutoConfiguration.class,
            FluxaContextAutoConfiguration.class);

    @BeforeAll
    static void database() {
        PlainNotesApps.createDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @BeforeEach
    void empty() {
        TestServices.sql("DELETE FROM `" + DB + "`.`notes`");
    }

    @Test
    void scheduledJobWritesThroughTheInjectedContext() {
        runner.withUserConfiguration(SchedulingApp.class).run(context -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> titles().contains("scheduled"));
            Job job = context.getBean(Job.class);
            assertThat(job.thread).isNotEqualTo(Thread.currentThread().getName());
            assertThat(job.failure).isNull();
        });
    }

    @Test
    void eventListenerWritesThroughTheInjectedContext() {
        runner.withBean(Listener.class).run(context -> {
            context.publishEvent(new NoteRequested("from-event"));

            assertThat(titles()).containsExactly("from-event");
            assertThat(context.getBean(Context.class)).as("nothing left open on the thread")
                    .satisfies(proxy -> assertThatThrownBy(proxy::pendingChanges)
                            .isInstanceOf(NoUnitOfWorkException.class));
        });
    }

    @Test
    void asyncMethodOpensItsUnitOfWorkOnTheExecutorThread() {
        runner.withUserConfiguration(AsyncApp.class).run(context -> {
            String thread = context.getBean(AsyncWriter.class).write("from-async").get(10, TimeUnit.SECONDS);

            assertThat(thread).isNotEqualTo(Thread.currentThread().getName());
            assertThat(titles()).containsExactly("from-async");
        });
    }

    @Test
    void completableFutureStageUsesTheTemplate() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            runner.withBean(PlainWriter.class).run(context -> {
                FluxaUnitOfWorkTemplate unitOfWork = context.getBean(FluxaUnitOfWorkTemplate.class);
                PlainWriter writer = context.getBean(PlainWriter.class);

                long pendingBeforeFlush = CompletableFuture.supplyAsync(() -> unitOfWork.call(unit -> {
                    writer.write("from-future");   // uses the injected Context: resolves to this unit
                    return unit.pendingChanges();
                }), executor).get(10, TimeUnit.SECONDS);

                assertThat(pendingBeforeFlush).isEqualTo(1);
                assertThat(titles()).containsExactly("from-future");
            });
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aUnitOfWorkThatThrowsWritesNothing() {
        runner.withBean(Listener.class).run(context -> {
            assertThatThrownBy(() -> context.publishEvent(new NoteRequested("fail")))
                    .isInstanceOf(IllegalStateException.class).hasMessage("listener failed");

            assertThat(TestServices.count(DB, "notes")).isZero();
        });
    }

    @Test
    void nestedUnitsOfWorkJoinTheOutermostWhichFlushes() {
        runner.withBean(PlainWriter.class).withBean(Nested.class).run(context -> {
            FluxaUnitOfWorkTemplate unitOfWork = context.getBean(FluxaUnitOfWorkTemplate.class);
            Nested nested = context.getBean(Nested.class);

            unitOfWork.run(outer -> {
                Context inner = nested.writeAndReturnContext("nested");
                assertThat(inner).as("joined").isSameAs(outer);
                assertThat(titles()).as("the inner method does not flush").isEmpty();
                assertThat(outer.pendingChanges()).isEqualTo(1);
            });

            assertThat(titles()).containsExactly("nested");
            assertThat(unitOfWork.isActive()).isFalse();
        });
    }

    @Test
    void unitsOfWorkUseTheConfiguredFactory() {
        runner.withBean(FluxaContextCustomizer.class, () -> c -> c.setMetaData("source", "jobs")).run(context -> {
            String source = context.getBean(FluxaUnitOfWorkTemplate.class).call(unit -> unit.getMetaData("source"));
            assertThat(source).isEqualTo("jobs");
        });
    }

    @Test
    void withoutAUnitOfWorkTheContextExplainsWhatToDo() {
        runner.withBean(PlainWriter.class).run(context -> assertThatThrownBy(() ->
                context.getBean(PlainWriter.class).write("nowhere"))
                .isInstanceOf(NoUnitOfWorkException.class)
                .hasMessageContaining("@FluxaUnitOfWork").hasMessageContaining("FluxaUnitOfWorkTemplate"));
    }

    private static List<String> titles() {
        return TestServices.strings("SELECT `Title` FROM `" + DB + "`.`notes` ORDER BY `Title`");
    }

    record NoteRequested(String title) {
    }

    /** Writes with the injected Context; has no unit of work of its own. */
    static class PlainWriter {

        private final Context context;

        PlainWriter(Context context) {
            this.context = context;
        }

        public void write(String title) {
            NOTES.newEntity(context).setTitle(title);
        }
    }

    static class Nested {

        private final PlainWriter writer;
        private final Context context;

        Nested(PlainWriter writer, Context context) {
            this.writer = writer;
            this.context = context;
        }

        @FluxaUnitOfWork
        public Context writeAndReturnContext(String title) {
            writer.write(title);
            return (Context) ((ScopedObject) context).getTargetObject();
        }
    }

    static class Listener {

        private final Context context;

        Listener(Context context) {
            this.context = context;
        }

        @EventListener
        @FluxaUnitOfWork
        public void on(NoteRequested event) {
            NOTES.newEntity(context).setTitle(event.title());
            if (event.title().equals("fail")) {
                throw new IllegalStateException("listener failed");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class SchedulingApp {

        @Bean
        Job job(Context context) {
            return new Job(context);
        }
    }

    static class Job {

        private final Context context;
        volatile String thread;
        volatile Throwable failure;

        Job(Context context) {
            this.context = context;
        }

        /** Runs once right after start-up (the next run would be a day later). */
        @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.DAYS)
        @FluxaUnitOfWork
        public void run() {
            thread = Thread.currentThread().getName();
            try {
                NOTES.newEntity(context).setTitle("scheduled");
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncApp {

        @Bean
        AsyncWriter asyncWriter(Context context) {
            return new AsyncWriter(context);
        }
    }

    static class AsyncWriter {

        private final Context context;

        AsyncWriter(Context context) {
            this.context = context;
        }

        @Async
        @FluxaUnitOfWork
        public CompletableFuture<String> write(String title) {
            NOTES.newEntity(context).setTitle(title);
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }
    }
}
