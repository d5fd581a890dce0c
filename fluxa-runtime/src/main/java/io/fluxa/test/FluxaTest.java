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
 * its own: a fresh database with the entity tables, a Redis database leased by the test run, local
 * caches, cleaned before every test. Names and Redis databases are unique to the test JVM, so two
 * builds on one machine never touch each other's data (see {@link FluxaTestServers}).
 * {@link io.fluxa.Engine} and {@link io.fluxa.Context} are injected into test and lifecycle method
 * parameters and into non-static fields (a fresh {@code Context} per test).
 *
 * <pre>{@code
 * @FluxaTest
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
     * The base name of the {@code default} MySQL pool's database; the test run's id is appended
     * ({@code <base>_<runId>}), so every JVM gets a database of its own. Empty:
     * {@link #databasePrefix()} followed by the test class's simple name in snake case and a short
     * hash of its qualified name, at most 55 characters. Entities in another MySQL pool {@code p} get
     * a database {@code <base>_p_<runId>}. Every database is created when the class starts.
     */
    String database() default "";

    /** Prefix of derived database names. */
    String databasePrefix() default "fluxa_test_";

    /**
     * The Redis database <em>slot</em> of the class, not a database number: the test run leases a
     * free Redis database for every slot it uses ({@link FluxaTestServers#redisDatabase(int)}) and
     * every Redis pool of the engine points at the slot's database. Classes with the same slot share
     * that database and never run at the same time, even with JUnit parallel execution; classes with
     * different slots get different databases and may. The database is emptied ({@code FLUSHDB})
     * when the class starts and before every test; no other build uses it meanwhile.
     */
    int redisDb() default 0;

    /**
     * Empty every entity table, every Redis pool and every local cache before each test. False
     * cleans only when the class starts, so tests of the class share data.
     */
    boolean cleanBeforeEach() default true;

    /**
     * Keep the databases after the class (to look at them): they are not dropped, neither at the end
     * of the class nor by later test runs; drop them yourself.
     */
    boolean keepDatabase() default false;

    /**
     * Where the servers are. The default ({@code FluxaTestServers.Provider.class} itself) reads the
     * environment variables described in {@link FluxaTestServers}.
     */
    Class<? extends FluxaTestServers.Provider> servers() default FluxaTestServers.Provider.class;

    /** Hooks that register more pools, streams, options or query log handlers; see {@link FluxaTestCustomizer}. */
    Class<? extends FluxaTestCustomizer>[] customizers() default {};
}
