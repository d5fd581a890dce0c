package io.fluxa.sample;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code the plugin generated for this module in this build is byte for byte the reviewed copy in
 * {@code src/test/golden}: every change of the generated code shows up as a diff in a commit.
 * After an intended generator change, refresh the copy with {@code bash scripts/update-golden.sh}.
 */
class GeneratedCodeGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/golden");
    private static final String UPDATE = "If the change is intended, run `bash scripts/update-golden.sh` and commit "
            + "the diff of sample-app/src/test/golden.";

    @Test
    void generatedSourcesAndResourcesEqualTheGoldenCopy() throws IOException {
        Map<String, byte[]> generated = files(Path.of("target/generated-sources/fluxa"), "sources/");
        generated.putAll(files(Path.of("target/generated-resources/fluxa"), "resources/"));
        Map<String, byte[]> golden = files(GOLDEN, "");
        assertThat(generated).as("generated files").isNotEmpty();
        assertThat(generated.keySet()).as("the generated files are the golden ones. " + UPDATE)
                .containsExactlyElementsOf(golden.keySet());
        for (Map.Entry<String, byte[]> file : generated.entrySet()) {
            assertThat(new String(file.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("%s differs from the golden copy. %s", file.getKey(), UPDATE)
                    .isEqualTo(new String(golden.get(file.getKey()), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(file.getValue()).as("%s, byte for byte", file.getKey()).isEqualTo(golden.get(file.getKey()));
        }
    }

    /** Every regular file below {@code root}, by relative path with {@code /} separators plus {@code prefix}. */
    private static Map<String, byte[]> files(Path root, String prefix) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(prefix + root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        }
        return files;
    }
}
