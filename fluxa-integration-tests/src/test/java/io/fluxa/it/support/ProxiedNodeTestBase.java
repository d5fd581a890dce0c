package io.fluxa.it.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Locale;

/**
 * An {@link OrmTestBase} with a second engine, {@link #node}, on the same MySQL database, whose
 * Redis connection runs through a {@link CuttableProxy} the test owns: {@code proxy.cut()} takes
 * Redis away from that node alone.
 */
public abstract class ProxiedNodeTestBase extends OrmTestBase {

    protected CuttableProxy proxy;
    protected OrmTestRuntime node;

    @BeforeAll
    void startNodeBehindProxy() throws Exception {
        proxy = new CuttableProxy(OrmTestRuntime.redisHostPort());
        node = OrmTestRuntime.attachedThrough("fluxa_orm_" + getClass().getSimpleName().toLowerCase(Locale.ROOT),
                proxy.hostPort());
    }

    @AfterAll
    void stopNode() throws Exception {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }
}
