package io.fluxa.spring.autoconfigure.logging;

import io.fluxa.Context;
import io.fluxa.spring.autoconfigure.FluxaAutoConfiguration;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.PlainNotesApps;
import io.fluxa.spring.autoconfigure.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Query logging follows the logger level alone: no property, no code. */
@ExtendWith(OutputCaptureExtension.class)
class FluxaQueryLoggingTests {

    private static final String DB = TestServices.database("fluxa_boot_logging");
    private static final FluxaEntityModels MODELS = PlainNotesApps.MODELS;
    private static final NoteProvider NOTES = PlainNotesApps.NOTES;

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    private final ApplicationContextRunner runner = PlainNotesApps.runner(DB, FluxaAutoConfiguration.class,
            FluxaLoggingAutoConfiguration.class);

    @BeforeAll
    static void database() {
        PlainNotesApps.createDatabase(DB);
    }

    @AfterAll
    static void drop() {
        TestServices.dropDatabase(DB);
    }

    @AfterEach
    void resetLevel() {
        logging.setLogLevel(FluxaQueryLogging.LOGGER, null);
    }

    @Test
    void debugLevelLogsTheSql(CapturedOutput output) {
        logging.setLogLevel(FluxaQueryLogging.LOGGER + ".mysql", LogLevel.DEBUG);
        runner.run(context -> {
            Context fluxa = context.getBean(FluxaContextFactory.class).newContext();
            NOTES.newEntity(fluxa).setTitle("logged");
            fluxa.flush();
        });
        assertThat(output.getAll()).contains("[default] INSERT").containsPattern("INSERT INTO `?notes");
        logging.setLogLevel(FluxaQueryLogging.LOGGER + ".mysql", null);
    }

    /** The way an application switches it: {@code logging.level.*} in its properties, read by Spring Boot at start-up. */
    @Test
    void loggingLevelPropertiesOfTheApplicationSwitchItOn(CapturedOutput output) {
        SpringApplication app = new SpringApplication(LoggingApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        String[] mysql = TestServices.defaultPoolMySql(DB);
        String[] args = new String[mysql.length + 2];
        for (int i = 0; i < mysql.length; i++) {
            args[i] = "--" + mysql[i];
        }
        args[mysql.length] = "--fluxa.pools.default.redis=" + TestServices.redisAddress(PlainNotesApps.REDIS_DB);
        args[mysql.length + 1] = "--logging.level.io.fluxa.query=debug";
        try (ConfigurableApplicationContext context = app.run(args)) {
            Context fluxa = context.getBean(FluxaContextFactory.class).newContext();
            NOTES.newEntity(fluxa).setTitle("switched by property");
            fluxa.flush();
        } finally {
            logging.setLogLevel(FluxaQueryLogging.LOGGER, null);
        }
        assertThat(output.getAll()).contains("[default] INSERT").containsPattern("INSERT INTO `?notes")
                .contains("io.fluxa.query.redis");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({FluxaAutoConfiguration.class, FluxaLoggingAutoConfiguration.class})
    static class LoggingApp {

        @Bean
        FluxaEntityModels fluxaEntityModels() {
            return MODELS;
        }
    }

    @Test
    void withoutDebugNothingIsAttachedOrLogged(CapturedOutput output) {
        logging.setLogLevel(FluxaQueryLogging.LOGGER, LogLevel.INFO);
        runner.run(context -> {
            Context fluxa = context.getBean(FluxaContextFactory.class).newContext();
            NOTES.newEntity(fluxa).setTitle("quiet");
            fluxa.flush();
        });
        assertThat(output.getAll()).doesNotContain("[default] INSERT").doesNotContainPattern("INSERT INTO `?notes");
    }
}
