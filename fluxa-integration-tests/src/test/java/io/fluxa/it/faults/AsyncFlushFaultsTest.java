package io.fluxa.it.faults;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlush;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.test.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL killed ({@code kill -9}) or frozen ({@code SIGSTOP}) while a consumer drains the async flush
 * stream: the consumer retries, nothing is lost or dead-lettered (a dead-letter threshold of 1 is set
 * to show that connection failures never count), it resumes once MySQL is back, and every row is
 * exactly what was enqueued, including order-dependent updates of one row.
 */
class AsyncFlushFaultsTest extends FaultTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final NoteProvider NOTES = NoteProvider.INSTANCE;
    private static final String DB = "fault_async";
    private static final String POOL = Registry.DEFAULT_POOL;
    private static final int INSERTS = 1500;
    /** Inserts enqueued after MySQL stopped. */
    private static final int LATE = 100;

    @Override
    String database() {
        return DB;
    }

    @AfterEach
    void heal() {
        servers.mysql.resume();
        if (!servers.mysql.isRunning()) {
            servers.mysql.start();
        }
    }

    @Test
    void mySqlKilledDuringADrainLosesNothingAndTheConsumerResumesAfterTheRestart() {
        drainThrough("k", () -> servers.mysql.kill(), () -> servers.mysql.start());
    }

    @Test
    void mySqlFrozenDuringADrainLosesNothingAndTheConsumerResumesWhenItIsBack() {
        drainThrough("z", () -> servers.mysql.freeze(), () -> servers.mysql.resume());
    }

    private void drainThrough(String prefix, Runnable stop, Runnable restart) {
        AsyncFlush async = engine.asyncFlush();
        Map<Long, String> expected = new HashMap<>();
        Context ctx = engine.newContext();
        NoteEntity note = NOTES.newEntity(ctx);
        note.setText("start");
        ctx.flushAsync(false);
        enqueue(ctx, note, prefix, 0, INSERTS - LATE, expected);
        long appliedBefore = async.count(AsyncFlush.Counter.APPLIED, POOL);
        long retriedBefore = async.count(AsyncFlush.Counter.RETRIED, POOL);
        long deadBefore = async.deadLetters(POOL, 1000).size();

        AsyncFlushOptions options = AsyncFlushOptions.DEFAULTS.withBatchSize(50).withBlock(Duration.ofMillis(100))
                .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).withDeadLetterThreshold(1);
        try (AsyncFlushConsumer consumer = async.consumer(POOL, options).start()) {
            await("some entries applied", () -> async.count(AsyncFlush.Counter.APPLIED, POOL) > appliedBefore);
            stop.run();
            // entries enqueued while MySQL is down: the consumer has to meet the outage
            enqueue(ctx, note, prefix, INSERTS - LATE, INSERTS, expected);
            await("the consumer retried", () -> async.count(AsyncFlush.Counter.RETRIED, POOL) > retriedBefore);
            restart.run();
            await("every category in MySQL", () -> count(prefix) == INSERTS);
            await("the stream applied", () -> async.stats(POOL).lagEntries() == 0);
            assertThat(consumer.isActive()).isTrue();
        }

        assertThat(async.deadLetters(POOL, 1000)).as("connection failures never dead-letter").hasSize((int) deadBefore);
        assertThat(async.count(AsyncFlush.Counter.RETRIED, POOL)).isGreaterThan(retriedBefore);
        String lastText = note.getText();
        Map<Long, String> mysql = names(prefix);
        assertThat(mysql).isEqualTo(expected);
        assertThat(servers.queryString("SELECT `Text` FROM `" + DB + "`.`notes` WHERE `ID` = " + note.getId()))
                .isEqualTo(lastText);
        for (Map.Entry<Long, String> e : expected.entrySet()) {
            if (e.getKey() % 97 == 0) { // a sample through every tier
                assertThat(CATEGORIES.getById(fresh(), e.getKey())).map(CategoryEntity::getName)
                        .contains(e.getValue());
            }
        }
    }

    /** Inserts of categories {@code from} to {@code to}, every tenth followed by an update of the note. */
    private static void enqueue(Context ctx, NoteEntity note, String prefix, int from, int to,
            Map<Long, String> expected) {
        for (int i = from; i < to; i++) {
            CategoryEntity c = CATEGORIES.newEntity(ctx);
            c.setCode(prefix + i);
            c.setName("Fault " + prefix + i);
            ctx.flushAsync(i % 2 == 0);
            expected.put(c.getId(), "Fault " + prefix + i);
            if (i % 10 == 0) {
                note.setText(prefix + "-v" + i); // order-dependent: only the last value may remain
                ctx.flushAsync(false);
            }
        }
    }

    private long count(String prefix) {
        try {
            return servers.queryLong("SELECT COUNT(*) FROM `" + DB + "`.`categories` WHERE `Code` LIKE '" + prefix
                    + "%'");
        } catch (IllegalStateException down) {
            return -1; // MySQL is not back yet
        }
    }

    private Map<Long, String> names(String prefix) {
        Map<Long, String> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(servers.mysql.url(DB), "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT `ID`, `Name` FROM `categories` WHERE `Code` LIKE '" + prefix
                     + "%'")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Polls {@code condition} ({@link Poll#await}); the bound only keeps a broken build from hanging. */
    private static void await(String what, BooleanSupplier condition) {
        Poll.await(what, HANG_GUARD.multipliedBy(2), condition);
    }
}
