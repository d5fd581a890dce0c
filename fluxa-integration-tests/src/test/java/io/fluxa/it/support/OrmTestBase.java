package io.fluxa.it.support;

import io.fluxa.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Locale;

/**
 * One MySQL database ({@code fluxa_orm_<test class>}) and Redis database 6 per test class, with the
 * tables of every generated entity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OrmTestBase {

    protected static final int REDIS_DB = 6;

    protected OrmTestRuntime runtime;

    @BeforeAll
    void startRuntime() {
        runtime = new OrmTestRuntime("fluxa_orm_" + getClass().getSimpleName().toLowerCase(Locale.ROOT), REDIS_DB);
    }

    @AfterAll
    void stopRuntime() {
        if (runtime != null) {
            runtime.sql("DROP DATABASE IF EXISTS `fluxa_orm_" + getClass().getSimpleName().toLowerCase(Locale.ROOT)
                    + "`");
            runtime.close();
        }
    }

    protected Context context() {
        return runtime.newContext();
    }

    /** A context without context cache, reading through local cache → Redis → MySQL. */
    protected Context freshContext() {
        Context context = runtime.newContext();
        context.disableContextCache();
        return context;
    }

    protected QueryCounter count(Context context) {
        QueryCounter counter = new QueryCounter();
        context.registerQueryLogger(counter, true, true, true);
        return counter;
    }
}
