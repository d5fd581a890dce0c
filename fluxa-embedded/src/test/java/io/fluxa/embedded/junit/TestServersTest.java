package io.fluxa.embedded.junit;

import io.fluxa.embedded.EmbeddedSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Which servers a test run gets, decided from the environment and the default ports. */
class TestServersTest {

    private static final Function<String, Optional<String>> NO_CONFIGURATION = key -> Optional.empty();

    @TempDir
    Path project;

    @Test
    void startsBothOnTheirDefaultPortsWhenNothingIsConfiguredAndNothingAnswers() {
        EmbeddedSettings settings = TestServers.plan(Map.of(), NO_CONFIGURATION, port -> false, project);
        assertThat(settings.mysqlPort()).isEqualTo(3306);
        assertThat(settings.redisPort()).isEqualTo(6379);
        assertThat(settings.dataSet()).isEqualTo("test");
        assertThat(settings.directory()).isEqualTo(project.resolve(".fluxa/embedded"));
    }

    @Test
    void aServerThatAnswersOrAVariableThatPointsElsewhereIsLeftAlone() {
        EmbeddedSettings redisUp = TestServers.plan(Map.of(), NO_CONFIGURATION, Set.of(6379)::contains, project);
        assertThat(redisUp.mysqlPort()).isEqualTo(3306);
        assertThat(redisUp.redisPort()).isEqualTo(EmbeddedSettings.DISABLED);

        EmbeddedSettings mysqlElsewhere = TestServers.plan(Map.of("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://db:3306/"),
                NO_CONFIGURATION, port -> false, project);
        assertThat(mysqlElsewhere.mysqlPort()).isEqualTo(EmbeddedSettings.DISABLED);
        assertThat(mysqlElsewhere.redisPort()).isEqualTo(6379);

        assertThat(TestServers.plan(Map.of(), NO_CONFIGURATION, port -> true, project)).isNull();
        assertThat(TestServers.plan(Map.of("FLUXA_TEST_MYSQL_URL", "jdbc:mariadb://db/", "FLUXA_TEST_REDIS", "r:6379"),
                NO_CONFIGURATION, port -> false, project)).isNull();
    }

    @Test
    void canBeSwitchedOffAndPointedAtAnotherDirectory() {
        assertThat(TestServers.plan(Map.of(), key -> key.equals("fluxa.embedded.test") ? Optional.of("false")
                : Optional.empty(), port -> false, project)).isNull();
        EmbeddedSettings elsewhere = TestServers.plan(Map.of(), key -> key.equals("fluxa.embedded.directory")
                ? Optional.of(project.resolve("servers").toString()) : Optional.empty(), port -> false, project);
        assertThat(elsewhere.directory()).isEqualTo(project.resolve("servers"));
    }

    @Test
    void modulesOfABuildShareTheTopDirectory() throws IOException {
        Path module = Files.createDirectories(project.resolve("app/core"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.writeString(project.resolve("app/pom.xml"), "<project/>");
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        assertThat(TestServers.projectRoot(module)).isEqualTo(project);
        // a directory outside any build stays where it is
        assertThat(TestServers.projectRoot(Files.createDirectories(project.resolve("loose")))).isEqualTo(
                project.resolve("loose"));
    }
}
