package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlush;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.test.FluxaTestServers;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer JVM is killed with {@code kill -9} at random points of a drain, again and again; after
 * the last kill a consumer in this JVM finishes: every entry took effect exactly once and in order.
 */
class KilledAsyncConsumerTest extends OrmTestBase {

    static final AsyncFlushOptions CHILD_OPTIONS = AsyncConsumerChildMain.options();
    private static final FluxaTestServers SERVERS = FluxaTestServers.fromEnvironment();
    private static final int INSERTS = 4_000;
    private static final int UPDATED_NOTES = 10;
    private static final int UPDATES_EACH = 50;
    private static final int KILLS = 6;

    @Test
    void everyEntryTakesEffectExactlyOnceAcrossKills() throws Exception {
        NoteProvider notes = NoteProvider.INSTANCE;
        Map<Long, String> expected = new HashMap<>();
        NoteEntity[] updated = new NoteEntity[UPDATED_NOTES];
        Context updates = context();
        for (int n = 0; n < UPDATED_NOTES; n++) {
            updated[n] = notes.newEntity(updates);
            updated[n].setText("start");
        }
        updates.flushAsync(false);
        for (int i = 0; i < INSERTS; i++) {
            Context ctx = context();
            NoteEntity note = notes.newEntity(ctx);
            note.setText("n" + i);
            ctx.flushAsync(false);
            expected.put(note.getId(), "n" + i);
            if (i % (INSERTS / UPDATES_EACH) == 0) { // values that only come out right when applied in order
                for (NoteEntity u : updated) {
                    u.setText("u" + i);
                }
                updates.flushAsync(false);
            }
        }
        for (NoteEntity u : updated) {
            expected.put(u.getId(), u.getText());
        }
        int entries = 1 + INSERTS + UPDATES_EACH;

        int killedMidDrain = 0;
        for (int k = 0; k < KILLS; k++) {
            String before = offset();
            Path log = Files.createTempFile("async-consumer", ".log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AsyncConsumerChildMain.class.getName(),
                    SERVERS.databaseUrl(runtime.database()), SERVERS.mysqlUser(),
                    SERVERS.mysqlPassword() == null ? "" : SERVERS.mysqlPassword(),
                    SERVERS.redisAddress(runtime.engine().redis(Registry.DEFAULT_POOL).database()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (offset().equals(before) && child.isAlive() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
                assertThat(child.isAlive()).as("child died by itself; its output: %s", Files.readString(log)).isTrue();
                // kill after a random share of what is left, not after a random time: on a fast machine a
                // time-based kill found the stream drained before the last kills
                long left = lagEntries();
                long share = ThreadLocalRandom.current().nextLong(0, Math.max(1, left / (KILLS - k + 1)));
                while (child.isAlive() && left - lagEntries() < share && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
                }
                boolean drainedAlready = lagEntries() == 0;
                Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start();
                assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
                if (!drainedAlready) {
                    killedMidDrain++;
                }
            } finally {
                child.destroyForcibly();
            }
        }
        assertThat(killedMidDrain).as("kills that hit the consumer while entries were left").isGreaterThanOrEqualTo(5);

        // the killed child's lease runs out after its TTL; then this JVM's consumer finishes the drain
        try (AsyncFlushConsumer survivor = runtime.engine().asyncFlush().consumer(Registry.DEFAULT_POOL,
                AsyncFlushOptions.DEFAULTS.withBatchSize(100))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    survivor.drain();
                    break;
                } catch (FluxaException e) {
                    assertThat(e.getMessage()).contains("holds the lease");
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            }
        }
        AsyncFlush.Stats stats = runtime.engine().asyncFlush().stats(Registry.DEFAULT_POOL);
        assertThat(stats.lagEntries()).isZero();
        assertThat(stats.deadLetters()).as("a re-applied insert would be a duplicate key dead letter").isZero();
        Map<Long, String> mysql = notesInMySql();
        assertThat(mysql).hasSize(INSERTS + UPDATED_NOTES).isEqualTo(expected);
        assertThat(entries).isEqualTo(1 + INSERTS + UPDATES_EACH);
    }

    private long lagEntries() {
        return runtime.engine().asyncFlush().stats(Registry.DEFAULT_POOL).lagEntries();
    }

    private String offset() {
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS _fluxa_async_flush (`stream` VARCHAR(191) NOT NULL PRIMARY KEY, "
                    + "`last_id` VARCHAR(41) NOT NULL, `fence` BIGINT NOT NULL, `applied_at` BIGINT NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT last_id FROM _fluxa_async_flush")) {
                return rs.next() ? rs.getString(1) : "0-0";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<Long, String> notesInMySql() {
        Map<Long, String> rows = new HashMap<>();
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, Text FROM notes")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
