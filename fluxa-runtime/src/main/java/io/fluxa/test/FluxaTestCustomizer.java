package io.fluxa.test;

import io.fluxa.Engine;
import io.fluxa.Registry;

/**
 * A hook of {@link FluxaTest#customizers()}: registers what the extension does not (more pools on
 * other databases, streams, options, query log handlers) and prepares the started engine. Needs a
 * public no-argument constructor; one instance is made per test class.
 *
 * <pre>{@code
 * public class ReportingPools implements FluxaTestCustomizer {
 *     public void configure(Registry registry, FluxaTestSetup setup) {
 *         registry.registerMySql("reports", setup.createDatabase("reports"), setup.servers().mysqlUser(),
 *                 setup.servers().mysqlPassword(), null);
 *         registry.setOption("tenant", "test");
 *     }
 * }
 * }</pre>
 */
public interface FluxaTestCustomizer {

    /**
     * Called after the extension registered its pools (every pool the entities use, plus
     * {@code default} MySQL, Redis and local cache pools) and the models, before the engine is validated.
     * Registering a pool code the extension already registered fails with a duplicate-pool error.
     */
    default void configure(Registry registry, FluxaTestSetup setup) {
    }

    /** Called once per class after the engine started and the entity tables exist, before any test. */
    default void started(Engine engine) {
    }
}
