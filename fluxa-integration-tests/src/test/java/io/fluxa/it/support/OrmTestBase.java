package io.fluxa.it.support;

import io.fluxa.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Locale;

/**
 * One MySQL database ({@code fluxa_orm_<test class>_<runId>}) per test class, with the tables of
 * every generated entity, and the Redis database of the test run, emptied when the class starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OrmTestBase {

    protected OrmTestRuntime runtime;

    @BeforeAll
    void startRuntime() {
        runtime = new OrmTestRuntime("fluxa_orm_" + getClass().getSimpleName().toLowerCase(Locale.ROOT));
    }

    @AfterAll
    void stopRuntime() {
        if (runtime != null) {
            runtime.dropDatabase();
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
