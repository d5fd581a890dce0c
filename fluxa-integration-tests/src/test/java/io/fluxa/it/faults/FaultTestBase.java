package io.fluxa.it.faults;

import io.fluxa.Context;
import io.fluxa.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

/** An engine of its own (database {@link #database()}) on the suite's {@link FaultServers}, per test class. */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultTestBase {

    /**
     * Only a guard against hanging, far above every timeout the suite configures; the bounds a fault
     * must respect are the pools' own timeouts ({@link FaultServers}).
     */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    FaultServers servers;
    Engine engine;

    /** The MySQL database (and Redis key prefix) of this class. */
    abstract String database();

    @BeforeAll
    void startEngine() {
        servers = FaultServers.get();
        engine = servers.engine(database());
    }

    @AfterAll
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** A context without context cache: every read goes through the local cache, Redis and MySQL. */
    Context fresh() {
        Context ctx = engine.newContext();
        ctx.disableContextCache();
        return ctx;
    }
}
