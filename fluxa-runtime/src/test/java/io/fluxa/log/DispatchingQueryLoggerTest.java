package io.fluxa.log;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Routing query events to handlers per source, debug output, and metadata snapshots. */
class DispatchingQueryLoggerTest {

    private final Map<String, String> metaData = new HashMap<>();
    private final List<QueryEvent> mysqlEvents = new ArrayList<>();
    private final List<QueryEvent> allEvents = new ArrayList<>();

    private DispatchingQueryLogger logger(List<QueryLogRegistration> inherited) {
        return new DispatchingQueryLogger(inherited, () -> metaData);
    }

    private static void logEach(QueryLogger logger) {
        long start = System.nanoTime();
        logger.log(QuerySource.MYSQL, "default", "SELECT", "SELECT 1", start, false, null);
        logger.log(QuerySource.REDIS, "cache", "GET", "GET user:1", start, true, null);
        logger.log(QuerySource.LOCAL_CACHE, "local", "GET", "User 1", start, false, null);
    }

    @Test
    void nothingIsEnabledWithoutHandlersOrDebug() {
        DispatchingQueryLogger logger = logger(List.of());
        for (QuerySource source : QuerySource.values()) {
            assertThat(logger.enabled(source)).isFalse();
            assertThat(QueryLogger.NONE.enabled(source)).isFalse();
        }
        logEach(logger);
        logEach(QueryLogger.NONE);
    }

    @Test
    void eachHandlerGetsOnlyTheSourcesItRegisteredFor() {
        DispatchingQueryLogger logger = logger(List.of(new QueryLogRegistration(mysqlEvents::add, true, false, false)));
        assertThat(logger.enabled(QuerySource.MYSQL)).isTrue();
        assertThat(logger.enabled(QuerySource.REDIS)).isFalse();
        assertThat(logger.enabled(QuerySource.LOCAL_CACHE)).isFalse();

        logger.register(new QueryLogRegistration(allEvents::add, true, true, true));
        assertThat(logger.enabled(QuerySource.REDIS)).isTrue();
        assertThat(logger.enabled(QuerySource.LOCAL_CACHE)).isTrue();

        logEach(logger);
        assertThat(mysqlEvents).extracting(QueryEvent::source).containsExactly(QuerySource.MYSQL);
        assertThat(allEvents).extracting(QueryEvent::source)
                .containsExactly(QuerySource.MYSQL, QuerySource.REDIS, QuerySource.LOCAL_CACHE);
    }

    @Test
    void eventsCarryWhatTheCallerReported() {
        DispatchingQueryLogger logger = logger(List.of(new QueryLogRegistration(allEvents::add, false, true, false)));
        IllegalStateException failure = new IllegalStateException("READONLY");
        long fiveMillisAgo = System.nanoTime() - 5_000_000;
        logger.log(QuerySource.REDIS, "cache", "SET", "SET user:1", fiveMillisAgo, true, failure);
        QueryEvent e = allEvents.get(0);
        assertThat(e.source()).isEqualTo(QuerySource.REDIS);
        assertThat(e.pool()).isEqualTo("cache");
        assertThat(e.operation()).isEqualTo("SET");
        assertThat(e.query()).isEqualTo("SET user:1");
        assertThat(e.cacheMiss()).isTrue();
        assertThat(e.error()).isSameAs(failure);
        assertThat(e.micros()).as("measured from the start the caller took").isGreaterThanOrEqualTo(5_000);
        assertThat(e.started()).isEqualTo(e.finished().minusNanos(e.micros() * 1_000));
    }

    @Test
    void metadataIsSnapshottedPerEvent() {
        DispatchingQueryLogger logger = logger(List.of(new QueryLogRegistration(allEvents::add, true, false, false)));
        metaData.put("request", "r-1");
        logger.log(QuerySource.MYSQL, "default", "SELECT", "SELECT 1", System.nanoTime(), false, null);
        metaData.put("request", "r-2");
        logger.log(QuerySource.MYSQL, "default", "SELECT", "SELECT 2", System.nanoTime(), false, null);
        assertThat(allEvents).extracting(QueryEvent::metaData)
                .containsExactly(Map.of("request", "r-1"), Map.of("request", "r-2"));
        assertThatThrownBy(() -> allEvents.get(0).metaData().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void inheritedRegistrationsAreCopiedNotShared() {
        List<QueryLogRegistration> engineLevel = new ArrayList<>(List.of(
                new QueryLogRegistration(mysqlEvents::add, true, false, false)));
        DispatchingQueryLogger logger = logger(engineLevel);
        logger.register(new QueryLogRegistration(allEvents::add, false, true, false));
        assertThat(engineLevel).hasSize(1);
    }

    @Test
    void debugEnablesSourcesWithoutHandlersAndWritesToTheDebugLogger() {
        DispatchingQueryLogger logger = logger(List.of());
        logger.enableDebug(true, false, false);
        assertThat(logger.enabled(QuerySource.MYSQL)).isTrue();
        assertThat(logger.enabled(QuerySource.REDIS)).isFalse();
        logger.enableDebug(false, true, false);
        assertThat(logger.enabled(QuerySource.MYSQL)).as("enabling more sources keeps earlier ones").isTrue();
        assertThat(logger.enabled(QuerySource.REDIS)).isTrue();
        assertThat(logger.enabled(QuerySource.LOCAL_CACHE)).isFalse();

        String output = captureStdErr(() -> {
            long start = System.nanoTime();
            logger.log(QuerySource.MYSQL, "default", "SELECT", "SELECT `ID` FROM `User`", start, false, null);
            logger.log(QuerySource.REDIS, "cache", "GET", "GET u:1", start, true, new IllegalStateException("down"));
            logger.log(QuerySource.LOCAL_CACHE, "local", "GET", "User 1", start, false, null);
        });
        // slf4j-simple (the test binding) prints level and logger name before the message
        assertThat(output).containsPattern("INFO io\\.fluxa\\.debug - \\[fluxa mysql default\\] SELECT +\\d+ µs "
                + "SELECT `ID` FROM `User`");
        assertThat(output).containsPattern("WARN io\\.fluxa\\.debug - \\[fluxa redis cache\\] GET +\\d+ µs MISS GET u:1"
                + "  ERROR java.lang.IllegalStateException: down");
        assertThat(output).doesNotContain("local_cache");
    }

    @Test
    void copyForKeepsRegistrationsAndDebugButReportsTheOtherMetadata() {
        DispatchingQueryLogger original = logger(List.of(new QueryLogRegistration(allEvents::add, true, false, false)));
        original.enableDebug(false, false, true);
        metaData.put("user", "7");
        Map<String, String> otherMetaData = Map.of("user", "8");
        DispatchingQueryLogger copy = original.copyFor(() -> otherMetaData);
        assertThat(copy.enabled(QuerySource.MYSQL)).isTrue();
        assertThat(copy.enabled(QuerySource.LOCAL_CACHE)).as("debug flags are copied").isTrue();
        assertThat(copy.enabled(QuerySource.REDIS)).isFalse();

        copy.log(QuerySource.MYSQL, "default", "SELECT", "SELECT 1", System.nanoTime(), false, null);
        assertThat(allEvents).singleElement().satisfies(e -> assertThat(e.metaData()).isEqualTo(otherMetaData));

        copy.register(new QueryLogRegistration(mysqlEvents::add, false, true, false));
        assertThat(original.enabled(QuerySource.REDIS)).as("registering on the copy leaves the original").isFalse();
        original.log(QuerySource.REDIS, "cache", "GET", "GET x", System.nanoTime(), false, null);
        assertThat(mysqlEvents).isEmpty();
    }

    @Test
    void registrationsSayWhichSourcesTheyWant() {
        QueryLogRegistration r = new QueryLogRegistration(e -> { }, false, true, true);
        assertThat(r.wants(QuerySource.MYSQL)).isFalse();
        assertThat(r.wants(QuerySource.REDIS)).isTrue();
        assertThat(r.wants(QuerySource.LOCAL_CACHE)).isTrue();
    }

    private static String captureStdErr(Runnable work) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
