package io.fluxa.test;

import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Set;

/**
 * Keeps JUnit parallel execution safe for {@link FluxaTest} classes: every class takes read-write
 * locks on its Redis database and on its MySQL database name, so classes sharing either never run
 * at the same time, and the tests of one class (which share tables and Redis) run one after another.
 */
final class FluxaResourceLocks implements ResourceLocksProvider {

    static final String REDIS = "io.fluxa.test.redis:";
    static final String MYSQL = "io.fluxa.test.mysql:";

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, FluxaTest.class)
                .map(settings -> locks(testClass, settings))
                .orElse(Set.of());
    }

    static Set<Lock> locks(Class<?> testClass, FluxaTest settings) {
        String server = settings.servers() == FluxaTestServers.Provider.class
                ? FluxaTestServers.fromEnvironment().redisLockKey()
                : settings.servers().getName();
        return Set.of(new Lock(REDIS + server + "/" + settings.redisDb()),
                new Lock(MYSQL + DatabaseNames.base(testClass, settings)));
    }
}
