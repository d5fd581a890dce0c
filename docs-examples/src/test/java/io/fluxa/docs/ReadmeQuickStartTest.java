package io.fluxa.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps README's quick start a complete path: its blocks marked {@code <!-- quick-start: FILE -->}
 * are written, exactly as they stand, into a new Maven project ({@code target/readme-it/quick-start}).
 * The project's {@code pom.xml} is what start.spring.io gives a Spring Boot 4 application, with the
 * README's dependencies and plugins pasted in. The Maven invoker then builds that project in the
 * integration-test phase, against this build's starter and plugin (installed into
 * {@code target/it-repo}, never into the shared local repository): code generation from the README's
 * entity, compilation of its controller, and packaging. A README that no longer builds fails the build.
 */
class ReadmeQuickStartTest {

    private static final Path ROOT = Path.of(System.getProperty("fluxa.docs.root", "..")).toAbsolutePath().normalize();
    private static final Path PROJECTS = Path.of(System.getProperty("fluxa.readme.it", "target/readme-it"));

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*quick-start:\\s*(.+?)\\s*-->\\s*$");
    private static final String DEPENDENCIES = "pom.xml dependencies";
    private static final String PLUGINS = "pom.xml plugins";

    /** The file a {@code <!-- quick-start: FILE -->} line right above the fence at {@code fence} names, or null. */
    static String fileOf(List<String> lines, int fence) {
        if (fence == 0) {
            return null;
        }
        Matcher m = MARKER.matcher(lines.get(fence - 1).strip());
        return m.matches() ? m.group(1) : null;
    }

    /** Every marked block of README.md by file, in order. */
    static Map<String, String> blocks() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        Map<String, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            String file = fileOf(lines, i);
            StringBuilder code = new StringBuilder();
            int end = i + 1;
            for (; end < lines.size() && !lines.get(end).startsWith("```"); end++) {
                code.append(lines.get(end)).append('\n');
            }
            if (file != null) {
                assertThat(blocks.put(file, code.toString())).as("README marks two blocks as " + file).isNull();
            }
            i = end;
        }
        return blocks;
    }

    @Test
    void readmeQuickStartIsWrittenAsAProjectForTheInvoker() throws IOException {
        Map<String, String> blocks = blocks();
        assertThat(blocks).containsKeys(DEPENDENCIES, PLUGINS, "src/main/resources/application.yml")
                .hasKeySatisfying(new org.assertj.core.api.Condition<>(f -> f.endsWith("Controller.java"),
                        "a controller"));
        String version = System.getProperty("fluxa.version");
        assertThat(blocks.get(DEPENDENCIES)).as("README's starter version is this build's")
                .contains("<version>" + version + "</version>")
                .contains("<artifactId>fluxa-spring-boot-starter</artifactId>")
                .contains("<artifactId>spring-boot-starter-webmvc</artifactId>");
        assertThat(blocks.get(PLUGINS)).contains("<artifactId>fluxa-codegen-maven-plugin</artifactId>")
                .contains("<version>" + version + "</version>");

        Path project = PROJECTS.resolve("quick-start");
        if (Files.exists(project)) {
            try (var old = Files.walk(project)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), pom(blocks.get(DEPENDENCIES), blocks.get(PLUGINS)));
        Files.writeString(project.resolve("invoker.properties"), "invoker.goals = verify\n");
        Files.writeString(project.resolve("verify.groovy"), VERIFY);
        for (Map.Entry<String, String> block : blocks.entrySet()) {
            if (block.getKey().startsWith("pom.xml")) {
                continue;
            }
            Path file = project.resolve(block.getKey()).normalize();
            assertThat(file.startsWith(project)).as("quick-start file " + block.getKey() + " inside the project").isTrue();
            Files.createDirectories(file.getParent());
            Files.writeString(file, block.getValue());
        }
        assertThat(project.resolve("src/main/java")).isDirectory();
    }

    /** A new Spring Boot 4 application's pom.xml (as start.spring.io makes it) with the README's blocks in it. */
    private static String pom(String dependencies, String plugins) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>org.springframework.boot</groupId>
                    <artifactId>spring-boot-starter-parent</artifactId>
                    <version>@spring-boot.version@</version>
                    <relativePath/>
                  </parent>
                  <groupId>com.example</groupId>
                  <artifactId>demo</artifactId>
                  <version>0.0.1-SNAPSHOT</version>
                  <properties>
                    <java.version>17</java.version>
                  </properties>
                  <dependencies>
                """ + indent(dependencies, 4) + """
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.springframework.boot</groupId>
                        <artifactId>spring-boot-maven-plugin</artifactId>
                      </plugin>
                """ + indent(plugins, 6) + """
                    </plugins>
                  </build>
                </project>
                """;
    }

    private static String indent(String block, int spaces) {
        StringBuilder b = new StringBuilder();
        block.lines().forEach(l -> b.append(" ".repeat(spaces)).append(l).append('\n'));
        return b.toString();
    }

    /** Run by the invoker after the project's build succeeded. */
    private static final String VERIFY = """
            def generated = new File(basedir, 'target/generated-sources/fluxa/com/example/demo/model/entities')
            ['UserEntity.java', 'UserProvider.java', 'FluxaModel.java'].each { name ->
                assert new File(generated, name).isFile() : 'the plugin did not generate ' + name
            }
            assert new File(basedir, 'target/classes/com/example/demo/UserController.class').isFile()
            def service = new File(basedir, 'target/classes/META-INF/services/io.fluxa.EntityModel')
            assert service.text.trim() == 'com.example.demo.model.entities.FluxaModel'
            assert new File(basedir, 'target/demo-0.0.1-SNAPSHOT.jar').isFile()
            return true
            """;
}
