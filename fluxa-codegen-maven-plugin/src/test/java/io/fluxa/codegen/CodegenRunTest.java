package io.fluxa.codegen;

import io.fluxa.schema.SchemaDefinitionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodegenRunTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/store");
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path project;

    private Path sources;
    private Path generatedSources;
    private Path generatedResources;
    private Path stateFile;
    private final ColumnListGenerator generator = new ColumnListGenerator();
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void copyFixture() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = project.resolve(FIXTURE.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        sources = project.resolve("src/main/java");
        generatedSources = project.resolve("target/generated-sources/fluxa");
        generatedResources = project.resolve("target/generated-resources/fluxa");
        stateFile = project.resolve("target/fluxa-codegen/default.state");
    }

    private CodegenRun.Settings settings(String targetPackage) {
        return new CodegenRun.Settings(project, List.of(sources, generatedSources), generatedSources,
                generatedResources, targetPackage, stateFile, StandardCharsets.UTF_8, "1.0-test");
    }

    private CodegenRun.Outcome run() {
        return run(null);
    }

    private CodegenRun.Outcome run(String targetPackage) {
        CodegenRun.Log collecting = new CodegenRun.Log() {
            @Override
            public void info(String message) {
                log.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                log.add("WARN " + message);
            }
        };
        return new CodegenRun(generator, collecting).run(settings(targetPackage));
    }

    /** Every file below the output roots with its content, by path relative to the project. */
    private Map<String, String> outputs() throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (Path root : List.of(generatedSources, generatedResources)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(project.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                }
            }
        }
        return files;
    }

    private void ageOutputs() throws IOException {
        for (Path root : List.of(generatedSources, generatedResources)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    Files.setLastModifiedTime(file, LONG_AGO);
                }
            }
        }
    }

    private void edit(String relativePath, String from, String to) throws IOException {
        Path file = sources.resolve(relativePath);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void generatesSourcesAndResourcesIntoTheDefaultPackageBelowTheEntitiesCommonPackage() throws IOException {
        CodegenRun.Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(CodegenRun.Status.GENERATED);
        assertThat(outcome.targetPackage()).isEqualTo("com.acme.store.entities");
        assertThat(outcome.entities()).isEqualTo(2);
        assertThat(outputs()).containsOnlyKeys(
                "target/generated-sources/fluxa/com/acme/store/entities/CustomerColumns.java",
                "target/generated-sources/fluxa/com/acme/store/entities/ProductColumns.java",
                "target/generated-resources/fluxa/META-INF/fluxa/columns.list");
        assertThat(outputs().get("target/generated-sources/fluxa/com/acme/store/entities/CustomerColumns.java"))
                .startsWith("package com.acme.store.entities;")
                .contains("TABLE = \"customers\"")
                .contains("\"Name\"", "\"Age\"", "\"HomeCity\"", "\"HomeCountry\"");
        assertThat(outcome.written()).hasSize(3);
        assertThat(log).anyMatch(line -> line.startsWith("INFO Fluxa generated code for 2 entities"));
    }

    @Test
    void aRerunProducesByteIdenticalFilesAndRewritesNone() throws IOException {
        run();
        Map<String, String> first = outputs();
        ageOutputs();
        Files.delete(stateFile); // force a full run

        CodegenRun.Outcome second = run();

        assertThat(second.status()).isEqualTo(CodegenRun.Status.GENERATED);
        assertThat(generator.invocations).isEqualTo(2);
        assertThat(second.written()).isEmpty();
        assertThat(second.unchanged()).hasSize(3);
        assertThat(outputs()).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(generatedSources.resolve("com/acme/store/entities/ProductColumns.java")))
                .isEqualTo(LONG_AGO);
    }

    @Test
    void doesNoWorkWhenNoDefinitionChanged() throws IOException {
        run();
        ageOutputs();
        // An ordinary source file changing is not a definition change.
        Files.writeString(sources.resolve("com/acme/store/Helper.java"), "package com.acme.store;\nclass Helper { }\n");

        CodegenRun.Outcome second = run();

        assertThat(second.status()).isEqualTo(CodegenRun.Status.UP_TO_DATE);
        assertThat(generator.invocations).isEqualTo(1);
        assertThat(log).anyMatch(line -> line.contains("up to date"));
        assertThat(Files.getLastModifiedTime(generatedResources.resolve("META-INF/fluxa/columns.list")))
                .isEqualTo(LONG_AGO);
    }

    @Test
    void regeneratesOnlyWhatChangedWhenAnEntityChanges() throws IOException {
        run();
        ageOutputs();
        edit("com/acme/store/catalog/Product.java", "double price;", "double price;\n    int stock;");

        CodegenRun.Outcome second = run();

        assertThat(second.status()).isEqualTo(CodegenRun.Status.GENERATED);
        assertThat(second.written()).containsExactly(
                generatedSources.toAbsolutePath().resolve("com/acme/store/entities/ProductColumns.java"));
        assertThat(outputs().get("target/generated-sources/fluxa/com/acme/store/entities/ProductColumns.java"))
                .contains("\"Stock\"");
    }

    @Test
    void aChangedEmbeddedClassCountsAsADefinitionChange() throws IOException {
        run();
        // Address.java does not mention @FluxaEntity, yet Customer embeds it.
        edit("com/acme/store/Address.java", "String country;", "String country;\n    String zip;");

        CodegenRun.Outcome second = run();

        assertThat(second.status()).isEqualTo(CodegenRun.Status.GENERATED);
        assertThat(outputs().get("target/generated-sources/fluxa/com/acme/store/entities/CustomerColumns.java"))
                .contains("\"HomeZip\"");
    }

    @Test
    void restoresAGeneratedFileThatWasDeletedOrEdited() throws IOException {
        run();
        Map<String, String> expected = outputs();
        Files.delete(generatedSources.resolve("com/acme/store/entities/CustomerColumns.java"));
        Files.writeString(generatedResources.resolve("META-INF/fluxa/columns.list"), "edited by hand\n");

        CodegenRun.Outcome second = run();

        assertThat(second.status()).isEqualTo(CodegenRun.Status.GENERATED);
        assertThat(outputs()).isEqualTo(expected);
    }

    @Test
    void deletesGeneratedFilesThatAreNoLongerProduced() throws IOException {
        run();
        Files.delete(sources.resolve("com/acme/store/catalog/Product.java"));

        CodegenRun.Outcome second = run();

        assertThat(second.deleted()).containsExactly(
                generatedSources.toAbsolutePath().resolve("com/acme/store/entities/ProductColumns.java"));
        assertThat(outputs()).containsOnlyKeys(
                "target/generated-sources/fluxa/com/acme/store/entities/CustomerColumns.java",
                "target/generated-resources/fluxa/META-INF/fluxa/columns.list");
        // The default package follows the remaining entity.
        assertThat(second.targetPackage()).isEqualTo("com.acme.store.entities");
    }

    @Test
    void aNewTargetPackageMovesTheOutputAndRemovesTheOldDirectories() throws IOException {
        run();

        CodegenRun.Outcome second = run("org.example.generated");

        assertThat(second.status()).isEqualTo(CodegenRun.Status.GENERATED);
        assertThat(outputs()).containsOnlyKeys(
                "target/generated-sources/fluxa/org/example/generated/CustomerColumns.java",
                "target/generated-sources/fluxa/org/example/generated/ProductColumns.java",
                "target/generated-resources/fluxa/META-INF/fluxa/columns.list");
        assertThat(generatedSources.resolve("com")).doesNotExist();
    }

    @Test
    void entitiesWithoutACommonPackageNeedAnExplicitTargetPackage() throws IOException {
        Path other = sources.resolve("org/other/Order.java");
        Files.createDirectories(other.getParent());
        Files.writeString(other, """
                package org.other;

                import io.fluxa.annotation.FluxaEntity;

                @FluxaEntity
                public class Order {
                    long id;
                }
                """);

        assertThatThrownBy(this::run)
                .isInstanceOf(CodegenConfigurationException.class)
                .hasMessageContaining("share no common package")
                .hasMessageContaining("com.acme.store")
                .hasMessageContaining("org.other")
                .hasMessageContaining("<targetPackage>");

        assertThat(run("com.acme.generated").entities()).isEqualTo(3);
    }

    @Test
    void aDefinitionErrorNamesFileLineFieldAndFixAndLeavesNoUpToDateState() throws IOException {
        run();
        edit("com/acme/store/catalog/Product.java", "double price;", "double price;\n    @io.fluxa.annotation.Sortable int rank;");

        assertThatThrownBy(this::run)
                .isInstanceOf(SchemaDefinitionException.class)
                .hasMessageContaining("src/main/java/com/acme/store/catalog/Product.java:11")
                .hasMessageContaining("rank")
                .satisfies(e -> {
                    SchemaDefinitionException error = (SchemaDefinitionException) e;
                    assertThat(error.field()).isEqualTo("rank");
                    assertThat(error.fix()).isNotBlank();
                    assertThat(error.position().line()).isEqualTo(11);
                });
        assertThat(stateFile).doesNotExist();

        edit("com/acme/store/catalog/Product.java", "@io.fluxa.annotation.Sortable int rank;", "int rank;");
        assertThat(run().status()).isEqualTo(CodegenRun.Status.GENERATED);
    }

    @Test
    void sourcesWithoutEntitiesGenerateNothingAndRemoveEarlierOutput() throws IOException {
        run();
        Files.delete(sources.resolve("com/acme/store/catalog/Product.java"));
        Files.delete(sources.resolve("com/acme/store/Customer.java"));

        CodegenRun.Outcome second = run();

        assertThat(second.status()).isEqualTo(CodegenRun.Status.NO_ENTITIES);
        assertThat(outputs()).isEmpty();
        assertThat(log).anyMatch(line -> line.startsWith("WARN No @FluxaEntity class found"));
    }

    @Test
    void aSyntaxErrorInADefinitionFailsWithFileAndLine() throws IOException {
        edit("com/acme/store/Customer.java", "Integer age;", "Integer age");

        assertThatThrownBy(this::run)
                .isInstanceOf(DefinitionSourceException.class)
                .hasMessageStartingWith("src/main/java/com/acme/store/Customer.java:12");
    }
}
