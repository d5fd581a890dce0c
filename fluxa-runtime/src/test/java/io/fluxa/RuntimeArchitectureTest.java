package io.fluxa;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The runtime's package structure, checked on the compiled classes.
 *
 * <p>Cycles are checked over every package, the root package {@code io.fluxa} included. The root is
 * cut in two slices: the API <em>vocabulary</em> (exceptions, {@link Column}, {@link Where},
 * {@link Pager}, {@link Reference}, {@link SearchResult} …), which depends on nothing else of the
 * runtime, and the API <em>handles</em> ({@link Engine}, {@link Context}, {@link Registry},
 * {@link EntityModel}), which return the public types of the pool, cache, schema and stream packages.
 * Only the edges listed in {@link #noCyclesIncludingTheRootPackage()} may close a cycle; see
 * {@code docs/architecture.md}, "Layers and the cycle rule".
 */
class RuntimeArchitectureTest {

    private static JavaClasses runtime;

    @BeforeAll
    static void importRuntime() {
        // this module's own classes only: other Fluxa modules on the test class path (fluxa-embedded's
        // Spring glue) are not part of the runtime
        runtime = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
    }

    /**
     * The root package's handle types, with {@code Registry}'s package-private option checks; every
     * other root type is vocabulary.
     */
    private static final Set<String> HANDLES = Set.of(Engine.class.getName(), Context.class.getName(),
            Registry.class.getName(), EntityModel.class.getName(), MySqlOptionsChecks.class.getName());

    /** One slice per package below {@code io.fluxa}, and the root cut into vocabulary and handles. */
    private static final SliceAssignment PACKAGES_AND_ROOT_PARTS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            String pkg = type.getPackageName();
            if (pkg.equals("io.fluxa")) {
                String topLevel = type.getName().split("\\$")[0];
                return SliceIdentifier.of(HANDLES.contains(topLevel) ? "api handles" : "api vocabulary");
            }
            if (pkg.startsWith("io.fluxa.")) {
                return SliceIdentifier.of(pkg.substring("io.fluxa.".length()).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "io.fluxa's packages, the root cut into API vocabulary and API handles";
        }
    };

    @Test
    void noCyclesIncludingTheRootPackage() {
        slices().assignedFrom(PACKAGES_AND_ROOT_PARTS).should().beFreeOfCycles()
                // Registry.validate() bootstraps the engine: the one way from the API into its implementation
                .ignoreDependency(belongToAnyOf(Registry.class), resideInAPackage("io.fluxa.engine.."))
                // implementation packages receive the Engine/Context handles they work for (the handles
                // in turn return those packages' public types)
                .ignoreDependency(resideInAPackage("io.fluxa.*.."), belongToAnyOf(Engine.class, Context.class))
                .check(runtime);
    }

    @Test
    void noSpringInTheRuntime() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .because("fluxa-runtime must stay usable without Spring; autoconfigure is the only Spring glue")
                .check(runtime);
    }

    @Test
    void onlyTheRedisPackageSendsOnLettuceConnections() {
        // io.fluxa.test leases test databases on a client of its own, before any pool exists
        noClasses().that().resideOutsideOfPackages("io.fluxa.redis..", "io.fluxa.test..")
                .should().callMethod(StatefulRedisConnection.class, "async")
                .orShould().callMethod(StatefulRedisConnection.class, "sync")
                .orShould().callMethod(StatefulRedisConnection.class, "reactive")
                .because("every command goes through io.fluxa.redis (RedisPool.submit for what its API does not "
                        + "cover), so it has the pool's error mapping, circuit breaker and query loggers")
                .check(runtime);
    }

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.fluxa")
                .layer("support").definedBy("io.fluxa.orm..")
                .layer("engine").definedBy("io.fluxa.engine..")
                .layer("read").definedBy("io.fluxa.read..")
                .layer("flush").definedBy("io.fluxa.flush..")
                .layer("search").definedBy("io.fluxa.search..")
                .layer("cache").definedBy("io.fluxa.cache..")
                .layer("row").definedBy("io.fluxa.row..")
                .layer("test support").definedBy("io.fluxa.test..")
                .whereLayer("support").mayNotBeAccessedByAnyLayer()
                .whereLayer("test support").mayNotBeAccessedByAnyLayer()
                .whereLayer("engine").mayOnlyBeAccessedByLayers("api", "support")
                .whereLayer("read").mayOnlyBeAccessedByLayers("support")
                .whereLayer("flush").mayOnlyBeAccessedByLayers("engine", "support", "search")
                .whereLayer("search").mayOnlyBeAccessedByLayers("engine", "support")
                .whereLayer("cache").mayOnlyBeAccessedByLayers("api", "engine", "read", "flush", "support",
                        "test support")
                .whereLayer("row").mayOnlyBeAccessedByLayers("api", "engine", "read", "flush", "cache", "support",
                        "search")
                .check(runtime);
    }
}
