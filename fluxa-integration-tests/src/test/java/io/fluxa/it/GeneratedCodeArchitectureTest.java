package io.fluxa.it;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Generated entities, providers and enums use only the runtime's public API ({@code io.fluxa}), the
 * support API for generated code ({@code io.fluxa.orm}) and the schema model ({@code io.fluxa.schema}),
 * never its implementation packages, so those can change without regenerating applications.
 */
class GeneratedCodeArchitectureTest {

    @Test
    void generatedCodeUsesOnlyTheSupportApi() {
        JavaClasses generated = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.fluxa.it.model.entities");
        classes().that().resideInAPackage("io.fluxa.it.model.entities..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.fluxa.it.model..", "io.fluxa",
                        "io.fluxa.orm", "io.fluxa.schema", "java..")
                .check(generated);
    }
}
