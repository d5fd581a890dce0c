package io.fluxa.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Applications with the uncached entity {@code Note} on a test database: MySQL for the rows, Redis
 * only for ids (never emptied, so several test classes share it safely).
 */
public final class PlainNotesApps {

    public static final int REDIS_DB = TestServices.redisDatabase();
    public static final FluxaEntityModels MODELS = TestModels.plainNotes();
    public static final NoteProvider NOTES = TestModels.provider(MODELS, "Note");

    private PlainNotesApps() {
    }

    /** A runner with {@code autoConfigurations} on {@code database}, whose notes table {@link #createDatabase} made. */
    public static ApplicationContextRunner runner(String database, Class<?>... autoConfigurations) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(autoConfigurations))
                .withPropertyValues(TestServices.defaultPoolMySql(database))
                .withPropertyValues("fluxa.pools.default.redis=" + TestServices.redisAddress(REDIS_DB))
                .withBean(FluxaEntityModels.class, () -> MODELS);
    }

    /** Re-creates {@code database} with an empty notes table. */
    public static void createDatabase(String database) {
        TestServices.recreateDatabase(database);
        TestServices.createNotesTable(database);
    }
}
