package io.fluxa.spring.test;

import io.fluxa.test.FluxaTestServers;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Points the pools of a {@link FluxaDataTest} application context at databases of the test run:
 * for each pool of {@code fluxa.pools.*} (and {@code default}) a new MySQL database
 * ({@code fluxa_data_test_<n>[_<pool>]_<runId>}, dropped when the JVM exits) and the Redis database
 * the run leased; {@code fluxa.schema.mode=update} creates the tables. The properties rank below
 * {@link FluxaDataTest#properties()} and {@code @DynamicPropertySource}, above the application's
 * own files. Registered in {@code META-INF/spring.factories}.
 */
final class FluxaTestDatabases implements ContextCustomizerFactory {

    /** The test servers the slice's databases and its cleaning use: one per JVM. */
    static final class Servers {
        static final FluxaTestServers INSTANCE = FluxaTestServers.fromEnvironment();

        private Servers() {
        }
    }

    private static final ConfigurationPropertyName POOLS = ConfigurationPropertyName.of("fluxa.pools");
    private static final String SOURCE_NAME = "fluxaDataTestDatabases";
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        FluxaDataTest slice = TestContextAnnotationUtils.findMergedAnnotation(testClass, FluxaDataTest.class);
        return slice != null && slice.testDatabases() ? new Customizer() : null;
    }

    /** Stateless, so equal for every test class: classes with the same configuration share a context. */
    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableEnvironment environment = context.getEnvironment();
            FluxaTestServers servers = Servers.INSTANCE;
            String base = "fluxa_data_test_" + CONTEXTS.incrementAndGet();
            String redis = servers.redisAddress(servers.redisDatabase());
            Map<String, Object> properties = new LinkedHashMap<>();
            for (String pool : poolNames(environment)) {
                String database = servers.createDatabase(pool.equals("default") ? base : base + "_" + pool);
                String prefix = "fluxa.pools." + pool + ".";
                properties.put(prefix + "mysql.url", servers.databaseUrl(database));
                properties.put(prefix + "mysql.username", servers.mysqlUser());
                properties.put(prefix + "mysql.password", servers.mysqlPassword());
                properties.put(prefix + "mysql.max-open-connections", 8);
                properties.put(prefix + "use-application-data-source", false);
                properties.put(prefix + "redis", redis);
            }
            properties.put("fluxa.schema.mode", "update");
            MutablePropertySources sources = environment.getPropertySources();
            MapPropertySource source = new MapPropertySource(SOURCE_NAME, properties);
            if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
            } else {
                sources.addFirst(source);
            }
        }

        private static TreeSet<String> poolNames(ConfigurableEnvironment environment) {
            TreeSet<String> pools = new TreeSet<>(List.of("default"));
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                if (source instanceof IterableConfigurationPropertySource iterable) {
                    iterable.filter(POOLS::isAncestorOf).stream()
                            .forEach(name -> pools.add(name.getElement(2, ConfigurationPropertyName.Form.UNIFORM)));
                }
            }
            return pools;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
