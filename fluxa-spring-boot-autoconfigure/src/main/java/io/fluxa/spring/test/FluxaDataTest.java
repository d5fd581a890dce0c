package io.fluxa.spring.test;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test slice for code that works with Fluxa: starts only Fluxa's auto-configuration (the
 * {@code Engine}, the providers, the injectable {@code Context}, schema mode, exception translation,
 * streams and async flush — see {@link AutoConfigureFluxa}) and none of the application's own
 * components, web layer, metrics or actuator.
 *
 * <p>Unless {@link #testDatabases()} is {@code false}, every pool of {@code fluxa.pools.*} (and
 * {@code default}) is pointed at a database and a Redis database of the test run, made for the
 * application context and dropped when the JVM exits, and {@code fluxa.schema.mode} is
 * {@code update}, so the entity tables exist. Before every test (before {@code @BeforeEach}
 * methods) entity tables, Redis and local caches are emptied, as {@code @FluxaTest} does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(FluxaDataTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(FluxaDataTypeExcludeFilter.class)
@TestExecutionListeners(listeners = FluxaDataTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@AutoConfigureFluxa
@ImportAutoConfiguration
public @interface FluxaDataTest {

    /** Properties ({@code key=value}) added to the environment before the test runs. */
    String[] properties() default {};

    /**
     * Whether every Fluxa pool is pointed at a database and a Redis database of the test run
     * ({@code io.fluxa.test.FluxaTestServers}: the {@code FLUXA_TEST_*} environment variables, else
     * local defaults). With {@code false} the application's own {@code fluxa.pools.*} apply; their
     * Redis databases must still be ones the test run leased for the cleaning to empty them.
     */
    boolean testDatabases() default true;

    /** Whether entity tables, Redis and local caches are emptied before every test. */
    boolean cleanBeforeEach() default true;

    /** Whether the default filters apply: none of the application's components is included. */
    boolean useDefaultFilters() default true;

    /** Components to add to the application context (for example a service under test). */
    Filter[] includeFilters() default {};

    /** Components to leave out of the application context. */
    Filter[] excludeFilters() default {};

    /** Auto-configurations to leave out. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
