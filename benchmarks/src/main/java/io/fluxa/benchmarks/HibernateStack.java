package io.fluxa.benchmarks;

import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cache.jcache.ConfigSettings;
import org.hibernate.cfg.AvailableSettings;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import java.util.HashMap;
import java.util.Map;

/**
 * Hibernate ORM 7, bootstrapped programmatically over the fixture's HikariCP pool (the one the raw
 * JDBC side uses), with the second-level cache on JCache + Caffeine for {@link HibernateCachedUser}
 * only, warmed with every row. Built only in the forks of benchmarks that use it.
 */
@State(Scope.Benchmark)
public class HibernateStack {

    static final String L2_REGION = "bench_local";

    SessionFactory sessionFactory;
    private CacheManager cacheManager;

    @Setup(Level.Trial)
    public void setUp(Fixture f) {
        System.setProperty("org.jboss.logging.provider", "slf4j"); // quiet, like the rest of the harness
        // The caches store by reference, like Fluxa's local cache and the raw Caffeine side; the JCache
        // default (store by value) would copy every entry through Java serialization on each read.
        cacheManager = Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager();
        cacheManager.createCache(L2_REGION, new MutableConfiguration<>().setStoreByValue(false));

        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, f.jdbc);
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        settings.put(AvailableSettings.STATEMENT_BATCH_SIZE, 100);
        settings.put(AvailableSettings.ORDER_INSERTS, true);
        settings.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, true);
        settings.put(AvailableSettings.CACHE_REGION_FACTORY, "jcache");
        settings.put(ConfigSettings.CACHE_MANAGER, cacheManager);
        settings.put(ConfigSettings.MISSING_CACHE_STRATEGY, "fail");
        settings.put(AvailableSettings.JAKARTA_SHARED_CACHE_MODE, "ENABLE_SELECTIVE");
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        sessionFactory = new MetadataSources(registry)
                .addAnnotatedClass(HibernateUser.class)
                .addAnnotatedClass(HibernateCachedUser.class)
                .buildMetadata()
                .buildSessionFactory();

        // Warm the second-level cache the way traffic would: one read of every row.
        for (long from = 1; from <= Fixture.ROWS; from += 1_000) {
            try (Session session = sessionFactory.openSession()) {
                for (long id = from; id < from + 1_000; id++) {
                    session.find(HibernateCachedUser.class, id);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sessionFactory.close();
        cacheManager.close();
    }
}
