package io.fluxa.spring.autoconfigure;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property the module reads must be in the configuration metadata IDEs complete from: each
 * leaf of every {@code @ConfigurationProperties} record, and every name a condition tests
 * ({@code @ConditionalOnProperty}, {@code @ConditionalOnBooleanProperty},
 * {@code @ConditionalOnEnabledHealthIndicator}, {@code @ConditionalOnAvailableEndpoint}). Found by
 * scanning the module's own classes, so a property added without metadata fails here.
 */
class ConfigurationPropertiesCoverageTests {

    /** Maps of records documented through one example key (the key the application always has). */
    private static final Map<String, String> EXAMPLE_KEYS = Map.of("fluxa.pools", "default");

    private static final String MODULE_PACKAGE = "io.fluxa.spring.autoconfigure";

    /** Fluxa's own metadata (the one with the fluxa group). */
    private static final Set<String> fluxaMetadata = new TreeSet<>();
    /** All metadata on the class path: Boot's modules describe the spring.* names conditions use. */
    private static final Set<String> allMetadata = new TreeSet<>();
    private static final List<AnnotationMetadata> moduleClasses = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        ClassLoader loader = ConfigurationPropertiesCoverageTests.class.getClassLoader();
        for (URL url : Collections.list(loader.getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                List<String> names = JsonPath.read(json, "$.properties[*].name");
                allMetadata.addAll(names);
                List<String> groups = JsonPath.read(json, "$..groups[*].name");
                if (groups.contains("fluxa")) {
                    fluxaMetadata.addAll(names);
                }
            }
        }
        assertThat(fluxaMetadata).as("Fluxa's generated metadata on the class path").isNotEmpty();

        // the module's main classes only: the jar or directory FluxaAutoConfiguration was loaded from
        String root = FluxaAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toString();
        SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory(loader);
        for (Resource resource : new PathMatchingResourcePatternResolver(loader)
                .getResources("classpath*:" + MODULE_PACKAGE.replace('.', '/') + "/**/*.class")) {
            if (resource.getURL().toString().startsWith(root)) {
                MetadataReader reader = readers.getMetadataReader(resource);
                moduleClasses.add(reader.getAnnotationMetadata());
            }
        }
        assertThat(moduleClasses).as("the module's classes under " + root).hasSizeGreaterThan(30);
    }

    @Test
    void everyBoundPropertyIsInFluxasMetadata() throws ClassNotFoundException {
        Set<String> bound = new TreeSet<>();
        for (AnnotationMetadata type : moduleClasses) {
            if (type.isAnnotated(ConfigurationProperties.class.getName())) {
                Map<String, Object> attributes = type.getAnnotationAttributes(ConfigurationProperties.class.getName());
                String prefix = (String) attributes.get("prefix");
                if (prefix.isEmpty()) {
                    prefix = (String) attributes.get("value");
                }
                collectLeaves(prefix, Class.forName(type.getClassName()), bound);
            }
        }

        assertThat(bound).as("bound properties found").contains("fluxa.schema.mode", "fluxa.pools.default.mysql.url",
                "fluxa.streams.listeners.batch-size", "fluxa.async-flush.lease-ttl");
        assertThat(bound).allSatisfy(name -> assertThat(fluxaMetadata)
                .as("metadata for bound property %s (add it to additional-spring-configuration-metadata.json"
                        + " or describe it in its record's javadoc)", name)
                .contains(name));
    }

    @Test
    void everyPropertyAConditionTestsIsInMetadata() {
        Set<String> tested = new TreeSet<>();
        for (AnnotationMetadata type : moduleClasses) {
            collectConditionProperties(type, tested);
            for (MethodMetadata method : type.getDeclaredMethods()) {
                collectConditionProperties(method, tested);
            }
        }

        assertThat(tested).as("properties conditions test").contains("fluxa.web.auto-flush",
                "management.health.fluxa.enabled", "management.endpoint.fluxa.access");
        assertThat(tested).allSatisfy(name -> assertThat(name.contains("fluxa") ? fluxaMetadata : allMetadata)
                .as("metadata for the property a condition tests: %s", name).contains(name));
    }

    private static void collectConditionProperties(AnnotatedTypeMetadata element, Set<String> names) {
        for (String annotation : List.of(ConditionalOnProperty.class.getName(),
                ConditionalOnBooleanProperty.class.getName())) {
            Map<String, Object> attributes = element.getAnnotationAttributes(annotation);
            if (attributes != null) {
                String prefix = (String) attributes.get("prefix");
                prefix = prefix.isEmpty() || prefix.endsWith(".") ? prefix : prefix + ".";
                for (String key : List.of("name", "value")) {
                    for (String name : (String[]) attributes.get(key)) {
                        names.add(prefix + name);
                    }
                }
            }
        }
        Map<String, Object> health = element.getAnnotationAttributes(ConditionalOnEnabledHealthIndicator.class.getName());
        if (health != null) {
            names.add("management.health." + health.get("value") + ".enabled");
        }
        Map<String, Object> endpoint = element.getAnnotationAttributes(ConditionalOnAvailableEndpoint.class.getName(),
                true);
        if (endpoint != null) {
            for (String key : List.of("value", "endpoint")) {
                String className = (String) endpoint.get(key);
                if (!className.equals(Void.class.getName())) {
                    names.add("management.endpoint." + endpointId(className) + ".access");
                }
            }
        }
    }

    private static String endpointId(String className) {
        try {
            Endpoint endpoint = Class.forName(className).getAnnotation(Endpoint.class);
            assertThat(endpoint).as("@Endpoint on " + className).isNotNull();
            return endpoint.id();
        } catch (ClassNotFoundException e) {
            throw new AssertionError(className, e);
        }
    }

    /** The names a record binds: nested records are walked, maps of records by their example key. */
    private static void collectLeaves(String prefix, Class<?> record, Set<String> names) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Type type = component.getGenericType();
            if (component.getType().isRecord() && isModuleType(component.getType())) {
                collectLeaves(name, component.getType(), names);
            } else if (component.getType() == Map.class && type instanceof ParameterizedType map
                    && map.getActualTypeArguments()[1] instanceof Class<?> value && value.isRecord()
                    && isModuleType(value)) {
                names.add(name);
                String example = EXAMPLE_KEYS.get(name);
                if (example != null) {
                    collectLeaves(name + "." + example, value, names);
                }
            } else {
                names.add(name);
            }
        }
    }

    private static boolean isModuleType(Class<?> type) {
        return type.getName().startsWith(MODULE_PACKAGE);
    }

    private static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
