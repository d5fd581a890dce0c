package io.fluxa.test;

import io.fluxa.EntityModel;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a JUnit 5 test class against real MySQL/MariaDB and Redis with an {@link io.fluxa.Engine} of
 * its own: a fresh database with the entity tables, a Redis database, local caches, cleaned before
 * every test. {@link io.fluxa.Engine} and {@link io.fluxa.Context} are injected into test and
 * lifecycle method parameters and into non-static fields (a fresh {@code Context} per test).
 *
 * <pre>{@code
 * @FluxaTest(redisDb = 9)
 * class UserServiceTest {
 *     Context context;
 *
 *     @Test
 *     void createsUsers() {
 *         UserEntity user = UserProvider.INSTANCE.newEntity(context);
 *         user.setName("Ann");
 *         context.flush();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Can be used as a meta-annotation on an annotation of your own. See docs/testing.md.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FluxaExtension.class)
@ResourceLock(providers = FluxaResourceLocks.class)
public @interface FluxaTest {

    /**
     * The generated models to register (each needs a public no-argument constructor, as generated
     * {@code FluxaModel} classes have). Empty: every {@link EntityModel} found through
     * {@link java.util.ServiceLoader}.
     */
    Class<? extends EntityModel>[] models() default {};

    /**
     * The database of the {@code default} MySQL pool. Empty: {@link #databasePrefix()} followed by
     * the test class's simple name in snake case and a short hash of its qualified name, at most 64
     * characters. Entities in another MySQL pool {@code p} get a database named
     * {@code <this name>_p}. Every database is dropped and re-created when the class starts.
     */
    String database() default "";

    /** Prefix of derived database names. */
    String databasePrefix() default "fluxa_test_";

    /**
     * The Redis database (0–15 on a default server) every Redis pool of the engine uses. It is
     * flushed ({@code FLUSHDB}) when the class starts and before every test, so it must not hold
     * data of anything else. Classes with the same Redis server and database never run at the same
     * time, even with JUnit parallel execution.
     */
    int redisDb() default 15;

    /**
     * Empty every entity table, every Redis pool and every local cache before each test. False
     * cleans only when the class starts, so tests of the class share data.
     */
    boolean cleanBeforeEach() default true;

    /** Keep the databases after the class (to look at them); the next run re-creates them anyway. */
    boolean keepDatabase() default false;

    /**
     * Where the servers are. The default ({@code FluxaTestServers.Provider.class} itself) reads the
     * environment variables described in {@link FluxaTestServers}.
     */
    Class<? extends FluxaTestServers.Provider> servers() default FluxaTestServers.Provider.class;

    /** Hooks that register more pools, streams, options or query log handlers; see {@link FluxaTestCustomizer}. */
    Class<? extends FluxaTestCustomizer>[] customizers() default {};
}
