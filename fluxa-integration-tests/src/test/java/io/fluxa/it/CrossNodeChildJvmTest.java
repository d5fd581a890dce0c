package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.redis.RedisPool;
import io.fluxa.test.FluxaTestServers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.fluxa.it.CrossNodeLocalCacheTest.CATEGORIES;
import static io.fluxa.it.CrossNodeLocalCacheTest.eventually;
import static io.fluxa.it.CrossNodeLocalCacheTest.name;
import static io.fluxa.it.CrossNodeLocalCacheTest.newCategory;
import static org.assertj.core.api.Assertions.assertThat;

/** The other node is a second JVM ({@link CrossNodeChildMain}): invalidations travel both ways. */
class CrossNodeChildJvmTest extends OrmTestBase {

    @Test
    void aSecondJvmSeesThisNodesChangeAndThisNodeSeesTheSecondJvms() throws Exception {
        long watch = newCategory(runtime.newContext(), "watched");
        long change = newCategory(runtime.newContext(), "changed by the child");
        assertThat(name(runtime, change)).isEqualTo("changed by the child"); // cached locally here
        RedisPool redis = runtime.engine().redis("default");
        String signal = "crossnode:" + System.nanoTime();
        FluxaTestServers servers = FluxaTestServers.fromEnvironment();

        Path log = Files.createTempFile("crossnode-child", ".log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrossNodeChildMain.class.getName(),
                servers.databaseUrl(runtime.database()), servers.mysqlUser(),
                servers.mysqlPassword() == null ? "" : servers.mysqlPassword(),
                servers.redisAddress(redis.database()), Long.toString(watch), Long.toString(change), signal)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(eventually(() -> redis.get(signal + ":ready").isPresent() || !child.isAlive()))
                    .as("child ready; its output: %s", log).isTrue();
            assertThat(redis.get(signal + ":ready")).as("child output: %s", Files.readString(log))
                    .contains("watched");

            Context ctx = runtime.newContext();
            CATEGORIES.mustGetById(ctx, watch).setName("from-parent");
            ctx.flush();

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished; output: %s", log).isTrue();
            assertThat(redis.get(signal + ":result")).as("child output: %s", Files.readString(log)).contains("ok");
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
        assertThat(eventually(() -> "from-child".equals(name(runtime, change))))
                .as("this node dropped the row the child changed").isTrue();
        redis.del(signal + ":ready", signal + ":result");
    }
}
