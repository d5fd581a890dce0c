package io.fluxa.embedded.junit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the embedded MariaDB and Redis for a test run that has no servers, once per test JVM,
 * and stops them when the run ends. Registered through {@code META-INF/services}, so having
 * {@code fluxa-embedded} on the test class path is enough.
 *
 * <p>A server is started only when its {@code FLUXA_TEST_*} variable is unset and nothing answers
 * on its default port (3306 for MariaDB, 6379 for Redis); it then listens on that default port, so
 * every test that falls back to the defaults reaches it. Set the configuration parameter or system
 * property {@value TestServers#ENABLED} to {@code false} to never start them.
 */
public final class EmbeddedTestServersListener implements LauncherSessionListener, TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (testPlan.containsTests()) {
            TestServers.startIfMissing(key -> testPlan.getConfigurationParameters().get(key));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestServers.stop();
    }
}
