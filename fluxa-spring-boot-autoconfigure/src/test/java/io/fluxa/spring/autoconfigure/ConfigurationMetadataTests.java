package io.fluxa.spring.autoconfigure;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the annotation processor generates (and merges with
 * {@code additional-spring-configuration-metadata.json}), which IDEs use to complete {@code fluxa.*}.
 */
class ConfigurationMetadataTests {

    private static String json;
    private static Map<String, Map<String, Object>> properties;

    @BeforeAll
    static void read() throws IOException {
        for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                List<String> groups = JsonPath.read(content, "$..groups[*].name");
                if (groups.contains("fluxa")) {
                    json = content;
                }
            }
        }
        assertThat(json).as("generated metadata with the fluxa group on the class path").isNotNull();
        List<Map<String, Object>> list = JsonPath.read(json, "$.properties[*]");
        properties = list.stream().collect(Collectors.toMap(p -> (String) p.get("name"), Function.identity()));
    }

    @Test
    void everyFluxaPropertyHasADescription() {
        assertThat(properties.keySet()).filteredOn(name -> name.startsWith("fluxa.")).hasSizeGreaterThan(20)
                .allSatisfy(name -> assertThat((String) properties.get(name).get("description"))
                        .as(name).isNotBlank());
    }

    @Test
    void defaultsAreDeclared() {
        assertThat(properties.get("fluxa.schema.mode")).containsEntry("defaultValue", "none");
        assertThat(properties.get("fluxa.schema.allow-unsafe")).containsEntry("defaultValue", false);
        assertThat(properties.get("fluxa.web.auto-flush")).containsEntry("defaultValue", true);
        assertThat(properties.get("fluxa.web.filter-order")).containsEntry("defaultValue", -104);
        assertThat(properties.get("fluxa.web.problem-details")).containsEntry("defaultValue", true);
        assertThat(properties.get("fluxa.context-cache.enabled")).containsEntry("defaultValue", true);
        assertThat(properties.get("fluxa.context-cache.ttl")).containsEntry("defaultValue", "1s")
                .containsEntry("type", "java.time.Duration");
        assertThat(properties.get("fluxa.metrics.enabled")).containsEntry("defaultValue", true);
        assertThat(properties.get("fluxa.local-cache-invalidation.enabled")).containsEntry("defaultValue", true);
        assertThat(properties.get("fluxa.local-cache-invalidation.ping-interval")).containsEntry("defaultValue", "1s")
                .containsEntry("type", "java.time.Duration");
        assertThat((String) properties.get("fluxa.local-cache-invalidation.redis-pool").get("description"))
                .contains("'default'");
    }

    @Test
    void healthSwitchIsDescribed() {
        assertThat(properties.get("management.health.fluxa.enabled")).containsEntry("defaultValue", true)
                .containsEntry("type", "java.lang.Boolean");
    }

    @Test
    void defaultPoolEntriesAreMergedIn() {
        assertThat(properties).containsKeys("fluxa.pools.default.mysql.url", "fluxa.pools.default.mysql.username",
                "fluxa.pools.default.mysql.password", "fluxa.pools.default.mysql.max-open-connections",
                "fluxa.pools.default.redis", "fluxa.pools.default.sentinel.master", "fluxa.pools.default.local-cache",
                "fluxa.pools.default.streams", "fluxa.web.exclude-patterns", "fluxa.options");
        assertThat((String) properties.get("fluxa.pools.default.mysql.url").get("description"))
                .contains("spring.datasource.url");
        assertThat((String) properties.get("fluxa.pools.default.mysql.max-idle-connections").get("description"))
                .contains("half");
        List<String> poolKeys = JsonPath.read(json, "$.hints[?(@.name == 'fluxa.pools.keys')].values[*].value");
        assertThat(poolKeys).containsExactly("default");
    }

    @Test
    void timeoutsAreDescribedWithTheirDefaults() {
        assertThat(properties.get("fluxa.pools.default.mysql.connect-timeout")).containsEntry("defaultValue", "5s")
                .containsEntry("type", "java.time.Duration");
        assertThat(properties.get("fluxa.pools.default.mysql.socket-timeout")).containsEntry("defaultValue", "15s");
        assertThat(properties.get("fluxa.pools.default.mysql.statement-timeout")).containsEntry("defaultValue", "10s");
        assertThat(properties.get("fluxa.pools.default.redis-timeout")).containsEntry("defaultValue", "2s");
        assertThat(properties.get("fluxa.pools.default.redis-connect-timeout")).containsEntry("defaultValue", "2s");
        assertThat(properties.get("fluxa.pools.default.redis-circuit-breaker.failure-threshold"))
                .containsEntry("defaultValue", 1).containsEntry("type", "java.lang.Integer");
        assertThat(properties.get("fluxa.pools.default.redis-circuit-breaker.open-duration"))
                .containsEntry("defaultValue", "250ms").containsEntry("type", "java.time.Duration");
        assertThat(properties.get("fluxa.pools.default.redis-circuit-breaker.probe-interval"))
                .containsEntry("defaultValue", "1s").containsEntry("type", "java.time.Duration");
    }

    @Test
    void endpointAccessIsDescribed() {
        assertThat(properties).containsKey("management.endpoint.fluxa.access");
    }
}
