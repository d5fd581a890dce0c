package io.fluxa.spring.test;

import io.fluxa.Engine;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Empties entity tables, Redis and local caches before every test of a {@link FluxaDataTest} class
 * (before its {@code @BeforeEach} methods), with the cleaner {@code @FluxaTest} uses
 * ({@code FluxaTestServers.clean}).
 */
final class FluxaDataTestExecutionListener extends AbstractTestExecutionListener {

    /** After dependency injection (2000), before Spring's transactional listener (4000). */
    @Override
    public int getOrder() {
        return 3500;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        FluxaDataTest slice = TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(),
                FluxaDataTest.class);
        if (slice != null && slice.cleanBeforeEach()) {
            Engine engine = testContext.getApplicationContext().getBean(Engine.class);
            FluxaTestDatabases.Servers.INSTANCE.clean(engine);
        }
    }
}
