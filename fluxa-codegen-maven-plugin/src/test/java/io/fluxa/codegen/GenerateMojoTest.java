package io.fluxa.codegen;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mojo's wiring into a Maven project, without a Maven runtime: parameters are set the way Maven
 * injects them. The generator is whichever the test class path provides (the plugin's own, or the
 * test service entry), so these tests assert on the build wiring, not on generated content.
 */
class GenerateMojoTest {

    @TempDir
    Path dir;

    private MavenProject project;

    @BeforeEach
    void project() throws IOException {
        Path sources = dir.resolve("src/main/java/com/acme/store");
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("Customer.java"), """
                package com.acme.store;

                import io.fluxa.annotation.FluxaEntity;
                import io.fluxa.annotation.Required;

                @FluxaEntity
                class Customer {
                    long id;
                    @Required String name;
                }
                """);
        Model model = new Model();
        model.setGroupId("com.acme");
        model.setArtifactId("store");
        model.setVersion("1");
        Build build = new Build();
        build.setDirectory(dir.resolve("target").toString());
        model.setBuild(build);
        project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        project.addCompileSourceRoot(dir.resolve("src/main/java").toString());
    }

    private GenerateMojo mojo() throws ReflectiveOperationException {
        GenerateMojo mojo = new GenerateMojo();
        set(mojo, "project", project);
        set(mojo, "outputDirectory", dir.resolve("target/generated-sources/fluxa").toFile());
        set(mojo, "resourceOutputDirectory", dir.resolve("target/generated-resources/fluxa").toFile());
        set(mojo, "encoding", "UTF-8");
        return mojo;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = GenerateMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private long filesBelow(String relative) throws IOException {
        Path root = dir.resolve(relative);
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void generatesAndAddsTheOutputAsCompileSourceRootAndResourceDirectory() throws Exception {
        mojo().execute();

        String sourceOutput = dir.resolve("target/generated-sources/fluxa").toString();
        String resourceOutput = dir.resolve("target/generated-resources/fluxa").toString();
        assertThat(project.getCompileSourceRoots()).containsExactly(dir.resolve("src/main/java").toString(), sourceOutput);
        assertThat(project.getResources()).extracting(r -> r.getDirectory()).containsExactly(resourceOutput);
        assertThat(filesBelow("target/generated-sources/fluxa/com/acme/store/entities")).isPositive();
        assertThat(dir.resolve("target/fluxa-codegen/default.state")).isRegularFile();
    }

    @Test
    void aSecondExecutionIsUpToDateAndDoesNotAddRootsTwice() throws Exception {
        mojo().execute();
        mojo().execute();

        assertThat(project.getCompileSourceRoots()).hasSize(2);
        assertThat(project.getResources()).hasSize(1);
    }

    @Test
    void skipDoesNothing() throws Exception {
        GenerateMojo mojo = mojo();
        set(mojo, "skip", true);

        mojo.execute();

        assertThat(project.getCompileSourceRoots()).hasSize(1);
        assertThat(dir.resolve("target")).doesNotExist();
    }

    @Test
    void aDefinitionErrorIsABuildFailureWithFileLineFieldAndFix() throws Exception {
        Path customer = dir.resolve("src/main/java/com/acme/store/Customer.java");
        Files.writeString(customer, Files.readString(customer).replace("@Required String name;",
                "@Required @io.fluxa.annotation.Sortable String name;"));

        assertThatThrownBy(() -> mojo().execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Fluxa entity definition error: src/main/java/com/acme/store/Customer.java:9: ")
                .hasMessageContaining("name")
                .hasMessageContaining("Fix:");
        assertThat(project.getCompileSourceRoots()).hasSize(1);
    }

    @Test
    void explicitSourceRootsReplaceTheProjectOnes() throws Exception {
        GenerateMojo mojo = mojo();
        set(mojo, "sourceRoots", List.of(new File(dir.toFile(), "elsewhere")));

        mojo.execute();

        assertThat(filesBelow("target/generated-sources/fluxa")).isZero();
    }
}
