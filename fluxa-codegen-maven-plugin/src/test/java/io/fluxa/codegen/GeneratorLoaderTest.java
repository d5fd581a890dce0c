package io.fluxa.codegen;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorLoaderTest {

    private final ClassLoader loader = GeneratorLoaderTest.class.getClassLoader();

    @Test
    void loadsTheNamedGeneratorFirst() {
        assertThat(GeneratorLoader.load(loader, ColumnListGenerator.class.getName()))
                .get().isInstanceOf(ColumnListGenerator.class);
    }

    @Test
    void fallsBackToARegisteredServiceWhenTheNamedGeneratorIsNotThere() {
        // src/test/resources/META-INF/services lists ColumnListGenerator.
        assertThat(GeneratorLoader.load(loader, "io.fluxa.codegen.NoSuchGenerator"))
                .get().isInstanceOf(ColumnListGenerator.class);
    }

    @Test
    void findsNothingOnAClassPathWithoutAGenerator() throws Exception {
        // Only the JDK and the CodeGenerator interface's own loader as parent: no service entries.
        try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(GeneratorLoader.load(empty, "io.fluxa.codegen.NoSuchGenerator")).isEmpty();
        }
    }
}
