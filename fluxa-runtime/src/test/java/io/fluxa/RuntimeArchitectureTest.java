package io.fluxa;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The runtime's package structure, checked on the compiled classes.
 *
 * <p>The root package {@code io.fluxa} is the API vocabulary every layer speaks (exceptions,
 * {@link Context}, {@link Engine}); its interfaces return the public types of the pool, cache and
 * schema packages, and {@link Registry#validate()} starts {@code io.fluxa.engine}. So the root is
 * checked by the layer rule (who may use what), and the implementation packages below it must be
 * free of cycles among themselves.
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

    @Test
    void implementationPackagesHaveNoCycles() {
        slices().matching("io.fluxa.(*)..").should().beFreeOfCycles().check(runtime);
    }

    @Test
    void noSpringInTheRuntime() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .because("fluxa-runtime must stay usable without Spring; autoconfigure is the only Spring glue")
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
