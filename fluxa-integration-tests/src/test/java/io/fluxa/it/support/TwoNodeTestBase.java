package io.fluxa.it.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Locale;

/**
 * An {@link OrmTestBase} with a second engine, {@link #nodeB}, on the same MySQL database and Redis
 * data: two application instances, which tell each other about changed rows through the cross-instance
 * local cache channel.
 */
public abstract class TwoNodeTestBase extends OrmTestBase {

    protected OrmTestRuntime nodeB;

    @BeforeAll
    void startSecondNode() {
        nodeB = new OrmTestRuntime("fluxa_orm_" + getClass().getSimpleName().toLowerCase(Locale.ROOT), false);
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }
}
