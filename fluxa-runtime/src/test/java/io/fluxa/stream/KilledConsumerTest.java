package io.fluxa.stream;

import io.fluxa.Engine;
import io.fluxa.redis.RedisPool;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.fluxa.stream.StreamTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer in another JVM is killed with {@code kill -9} in the middle of a batch; a consumer of the
 * same group in this JVM claims what it held and nothing is lost.
 */
class KilledConsumerTest {

    private static final String STREAM = "killed";
    private static final String GROUP = "workers";
    private static final int BATCH = 20;

    @Test
    void eventsHeldByAKilledConsumerAreClaimedAndHandledByAnother() throws Exception {
        try (Engine engine = StreamTestSupport.registry()
                .registerStream(STREAM, "default", StreamOptions.groups(GROUP)).validate()) {
            RedisPool redis = engine.redis("default");
            redis.del(STREAM, STREAM + ":stuck", STREAM + ":handled-by-child");
            engine.eventBroker().consumer(STREAM, GROUP, "setup").close(); // the group, again after the del
            EventBatch batch = engine.eventBroker().batch();
            for (int i = 0; i < 100; i++) {
                batch.add(STREAM, (long) i);
            }
            Set<String> all = new HashSet<>(batch.publish());

            Path log = Files.createTempFile("killed-consumer", ".log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + StreamTestSupport.REDIS_DB_PROPERTY + "=" + StreamTestSupport.REDIS_DB,
                    "-cp", System.getProperty("java.class.path"), KilledConsumerMain.class.getName(),
                    STREAM, GROUP, "child", Integer.toString(BATCH))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await(Duration.ofSeconds(60), "the child consumer hanging mid-batch (log: " + log + ")",
                        () -> redis.get(STREAM + ":stuck").isPresent() || !child.isAlive());
                assertThat(child.isAlive()).as("child still running; its output: %s", read(log)).isTrue();
                assertThat(redis.xPending(STREAM, GROUP).consumers()).containsEntry("child", (long) BATCH);
                Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start();
                assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
            } finally {
                child.destroyForcibly();
            }

            Set<String> handledByChild = redis.sMembers(STREAM + ":handled-by-child");
            assertThat(handledByChild).hasSize(BATCH + 5);
            Map<String, Integer> handledBySurvivor = new ConcurrentHashMap<>();
            try (EventConsumer survivor = engine.eventBroker().consumer(STREAM, GROUP, "survivor",
                    ConsumerOptions.DEFAULTS.withBlock(Duration.ZERO).withClaimIdle(Duration.ofMillis(300)))) {
                await(Duration.ofSeconds(30), "every event handled and acknowledged", () -> {
                    survivor.poll(e -> handledBySurvivor.merge(e.id(), 1, Integer::sum));
                    return redis.xPending(STREAM, GROUP).count() == 0
                            && engine.eventBroker().stats(STREAM).groups().get(0).lag() == 0;
                });
            }
            // the 20 the child held (5 of them handled but never acknowledged) came to the survivor
            Set<String> union = new HashSet<>(handledByChild);
            union.addAll(handledBySurvivor.keySet());
            assertThat(union).isEqualTo(all);
            assertThat(handledBySurvivor).hasSize(100 - BATCH);
            assertThat(handledBySurvivor.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
            assertThat(redis.xPending(STREAM, GROUP).count()).isZero();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
