package io.fluxa.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's conventions for auto-configurations, checked on every class the module lists: annotated
 * {@code @AutoConfiguration}, {@code final}, and {@code @Bean} methods (theirs and their nested
 * configurations') package-private, so the configuration is no API. The test slice's list
 * ({@code AutoConfigureFluxa}) may only name classes of the main list.
 */
class AutoConfigurationStyleTests {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void everyAutoConfigurationIsFinalWithPackagePrivateBeanMethods() throws ClassNotFoundException {
        List<String> names = autoConfigurations();
        assertThat(names).hasSizeGreaterThan(10);
        for (String name : names) {
            Class<?> type = Class.forName(name, false, loader);
            assertThat(type.isAnnotationPresent(AutoConfiguration.class)).as("@AutoConfiguration on %s", name).isTrue();
            assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", name).isTrue();
            List<Class<?>> configurations = new ArrayList<>(List.of(type));
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (nested.isAnnotationPresent(Configuration.class)) {
                    configurations.add(nested);
                }
            }
            for (Class<?> configuration : configurations) {
                for (Method method : configuration.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Bean.class)) {
                        assertThat(Modifier.isPublic(method.getModifiers()))
                                .as("@Bean %s.%s is package-private", configuration.getName(), method.getName())
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    void theSliceImportsOnlyListedAutoConfigurations() throws ClassNotFoundException {
        Class<?> annotation = Class.forName("io.fluxa.spring.test.AutoConfigureFluxa", false, loader);
        List<String> slice = ImportCandidates.load(annotation, loader).getCandidates();
        assertThat(slice).contains(FluxaAutoConfiguration.class.getName());
        assertThat(autoConfigurations()).containsAll(slice);
        assertThat(slice).noneMatch(name -> name.contains(".web.") || name.contains(".metrics.")
                || name.contains(".actuate."));
    }

    private List<String> autoConfigurations() {
        return ImportCandidates.load(AutoConfiguration.class, loader).getCandidates().stream()
                .filter(name -> name.startsWith("io.fluxa.spring.")).toList();
    }
}
