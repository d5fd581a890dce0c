package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlush;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.OrmTestRuntime;
import io.fluxa.test.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.fluxa.it.AsyncFlushTest.category;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AsyncFlushOptions.deadLetterThreshold}: an entry whose own statement keeps failing
 * transiently (here: it waits for a row lock another transaction holds until the statement-timeout
 * cancels it) goes to the dead letters after that many attempts, while its neighbours apply.
 */
class AsyncFlushDeadLetterThresholdTest extends OrmTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final String POOL = Registry.DEFAULT_POOL;

    private static final String BASE = "fluxa_orm_asyncflushdeadletterthresholdtest";
    private static final AsyncFlushOptions THRESHOLD_2 = AsyncFlushOptions.DEFAULTS.withDeadLetterThreshold(2)
            .withRetryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));

    /** The consumer's instance: its statements are cancelled after one second. */
    private OrmTestRuntime consumerNode;
    /** Another consumer instance: its sessions give up waiting for a row lock after one second (1205). */
    private OrmTestRuntime lockWaitNode;

    @BeforeAll
    void startConsumerNode() {
        consumerNode = OrmTestRuntime.attachedWithStatementTimeout(BASE, Duration.ofSeconds(1));
        lockWaitNode = OrmTestRuntime.attachedWithSessionVariables(BASE, "innodb_lock_wait_timeout=1");
    }

    /** Each test starts with an empty stream and no dead letters (a failed test may leave either). */
    @org.junit.jupiter.api.BeforeEach
    void emptyStream() {
        runtime.emptyAsyncFlushStream(POOL);
    }

    @AfterAll
    void stopConsumerNode() {
        if (consumerNode != null) {
            consumerNode.close();
        }
        if (lockWaitNode != null) {
            lockWaitNode.close();
        }
    }

    /** The rows of one test: {@code stored} written with a plain flush, its neighbour entries' new categories. */
    private record Rows(List<CategoryEntity> stored, CategoryEntity before, CategoryEntity after) {
    }

    /**
     * Stores a category per code with a plain flush, then enqueues three deferred entries: a new
     * category, {@code newName} for every stored category, another new category.
     */
    private Rows enqueueRenameBetweenNeighbours(String tag, String newName, String... codes) {
        Context setup = context();
        List<CategoryEntity> stored = new java.util.ArrayList<>();
        for (String code : codes) {
            stored.add(category(setup, code));
        }
        setup.flush();
        Context ctx = context();
        CategoryEntity before = category(ctx, "before" + tag);
        ctx.flushAsync(false);
        for (CategoryEntity c : stored) {
            CATEGORIES.mustGetById(ctx, c.getId()).setName(newName);
        }
        ctx.flushAsync(false);
        CategoryEntity after = category(ctx, "after" + tag);
        ctx.flushAsync(false);
        return new Rows(stored, before, after);
    }

    private Map<Long, String> names() {
        return AsyncFlushTest.mysqlNames(runtime, "categories", "Name");
    }

    @Test
    void anEntryThatKeepsWaitingForALockIsDeadLetteredAfterTheThresholdWhileItsNeighboursApply() throws Exception {
        Rows rows = enqueueRenameBetweenNeighbours("L", "never while locked", "lockRow");
        CategoryEntity locked = rows.stored().get(0);

        AsyncFlushConsumer consumer = consumerNode.engine().asyncFlush().consumer(POOL, THRESHOLD_2);
        try (Connection holder = runtime.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement();
                 ResultSet rs = s.executeQuery("SELECT `ID` FROM `categories` WHERE `ID` = " + locked.getId()
                         + " FOR UPDATE")) {
                assertThat(rs.next()).isTrue();
            }
            // the lock is held for the whole drain: the update can only time out
            assertThat(consumer.drain()).isEqualTo(2);
            holder.rollback();
        }

        Map<Long, String> mysql = names();
        assertThat(mysql).containsEntry(rows.before().getId(), "Category beforeL")
                .containsEntry(rows.after().getId(), "Category afterL")
                .containsEntry(locked.getId(), "Category lockRow");
        AsyncFlush async = consumerNode.engine().asyncFlush();
        List<AsyncFlush.DeadLetter> letters = async.deadLetters(POOL, 10);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.attempts()).isEqualTo(2);
            assertThat(letter.operations()).isEqualTo("UPDATE Category " + locked.getId());
            assertThat(letter.error()).contains("failed 2 times").contains("dead-letter threshold 2");
        });
        assertThat(async.count(AsyncFlush.Counter.RETRIED, POOL)).isGreaterThanOrEqualTo(2);

        // the lock is gone: the re-driven entry applies
        assertThat(async.redrive(POOL, letters.get(0).id())).isTrue();
        assertThat(consumer.drain()).isEqualTo(1);
        consumer.close();
        assertThat(names()).containsEntry(locked.getId(), "never while locked");
        assertThat(async.deadLetters(POOL, 10)).isEmpty();
    }

    @Test
    void anEntryThatKeepsHittingTheLockWaitTimeoutIsDeadLetteredAfterTheThresholdWithTheSqlError() throws Exception {
        Rows rows = enqueueRenameBetweenNeighbours("W", "waits in vain", "lwRow");
        CategoryEntity locked = rows.stored().get(0);

        AsyncFlush async = lockWaitNode.engine().asyncFlush();
        long retried = async.count(AsyncFlush.Counter.RETRIED, POOL);
        try (AsyncFlushConsumer consumer = async.consumer(POOL, THRESHOLD_2);
             Connection holder = runtime.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            lock(holder, locked.getId());
            assertThat(consumer.drain()).isEqualTo(2);
            holder.rollback();
        }
        assertThat(names()).containsEntry(rows.before().getId(), "Category beforeW")
                .containsEntry(rows.after().getId(), "Category afterW").containsEntry(locked.getId(), "Category lwRow");
        AsyncFlush.DeadLetter letter = takeDeadLetter(async, "UPDATE Category " + locked.getId());
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.error()).contains("failed 2 times").contains("dead-letter threshold 2");
        assertThat(lastError(letter)).as("the SQL error (1205)").contains("Lock wait timeout exceeded");
        // the fast attempt of the whole batch, then one more entry-by-entry attempt before the threshold
        assertThat(async.count(AsyncFlush.Counter.RETRIED, POOL) - retried).isGreaterThanOrEqualTo(2);
        assertThat(async.count(AsyncFlush.Counter.DEAD_LETTERED, POOL)).isGreaterThanOrEqualTo(1);
    }

    /**
     * A real deadlock (1213) on every attempt: the entry updates rows A then B; a holder transaction,
     * made heavier (many inserted rows) so InnoDB picks the consumer as the victim, holds B and asks for
     * A once the consumer waits for B. A second holder queues for B before the first rolls back, so B
     * stays locked between the attempts and every attempt deadlocks, whatever the timing.
     */
    @Test
    void anEntryThatKeepsDeadlockingIsDeadLetteredAfterTheThresholdWhileItsNeighboursApply() throws Exception {
        runtime.sql("CREATE TABLE IF NOT EXISTS `deadlock_ballast` (`ID` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                + "`V` INT NOT NULL) ENGINE=InnoDB");
        Rows rows = enqueueRenameBetweenNeighbours("D", "deadlocked", "dlA", "dlB");
        CategoryEntity rowA = rows.stored().get(0);
        CategoryEntity rowB = rows.stored().get(1);

        AsyncFlush async = runtime.engine().asyncFlush();
        long retried = async.count(AsyncFlush.Counter.RETRIED, POOL);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        int deadlocks = 0;
        try (AsyncFlushConsumer consumer = async.consumer(POOL, THRESHOLD_2);
             Connection monitor = runtime.dataSource().getConnection();
             Holder first = new Holder(runtime); Holder second = new Holder(runtime)) {
            first.lockHeavy(rowB.getId());
            Future<Integer> drain = threads.submit(consumer::drain);
            Holder current = first;
            Holder next = second;
            while (true) {
                // INNODB_TRX did not list the consumer's waiting transaction on MariaDB; PROCESSLIST shows
                // its statement
                String consumerWaits = "p.ID NOT IN (" + first.connectionId + ", " + second.connectionId
                        + ") AND p.INFO LIKE '%UPDATE `categories`%WHERE `ID`=" + rowB.getId() + "'";
                assertThat(Poll.until(() -> drain.isDone() || running(monitor, consumerWaits)))
                        .as("the consumer waits for row B; transactions: %s", transactions(monitor)).isTrue();
                if (drain.isDone()) {
                    break;
                }
                Holder queued = next;
                Future<?> queuedLock = threads.submit(() -> queued.lockHeavy(rowB.getId()));
                assertThat(Poll.until(() -> running(monitor, "p.ID = " + queued.connectionId
                        + " AND p.INFO LIKE 'SELECT `ID` FROM `categories`%'")))
                        .as("the next holder queues for row B").isTrue();
                lock(current.connection, rowA.getId()); // the cycle: InnoDB rolls the lighter consumer back
                current.connection.rollback();          // row B goes to the queued holder
                queuedLock.get(30, TimeUnit.SECONDS);
                deadlocks++;
                next = current;
                current = queued;
            }
            assertThat(drain.get()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
        assertThat(deadlocks).as("rounds: the fast attempt, then entry by entry up to the threshold")
                .isGreaterThanOrEqualTo(3);
        assertThat(names()).containsEntry(rows.before().getId(), "Category beforeD")
                .containsEntry(rows.after().getId(), "Category afterD").containsEntry(rowA.getId(), "Category dlA")
                .containsEntry(rowB.getId(), "Category dlB");
        AsyncFlush.DeadLetter letter = takeDeadLetter(async,
                "UPDATE Category " + rowA.getId() + ", UPDATE Category " + rowB.getId());
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.error()).contains("failed 2 times").contains("dead-letter threshold 2");
        assertThat(lastError(letter)).as("the SQL error (1213)").contains("Deadlock found");
        assertThat(async.count(AsyncFlush.Counter.RETRIED, POOL) - retried).isGreaterThanOrEqualTo(3);
    }

    /** A transaction of its own that first inserts rows nobody reads, so InnoDB never picks it as a deadlock victim. */
    private static final class Holder implements AutoCloseable {
        final Connection connection;
        final long connectionId;

        Holder(OrmTestRuntime runtime) throws Exception {
            connection = runtime.dataSource().getConnection();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                connectionId = rs.getLong(1);
            }
        }

        Void lockHeavy(long id) throws Exception {
            StringBuilder insert = new StringBuilder("INSERT INTO `deadlock_ballast` (`V`) VALUES (0)");
            for (int i = 1; i < 300; i++) {
                insert.append(",(").append(i).append(')');
            }
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(insert.toString());
            }
            lock(connection, id);
            return null;
        }

        @Override
        public void close() throws Exception {
            connection.rollback();
            connection.close();
        }
    }

    private static void lock(Connection connection, long id) throws Exception {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT `ID` FROM `categories` WHERE `ID` = " + id + " FOR UPDATE")) {
            assertThat(rs.next()).isTrue();
        }
    }

    /** Whether a session of this database runs a statement matching {@code condition} (on PROCESSLIST {@code p}). */
    private boolean running(Connection monitor, String condition) {
        try (Statement s = monitor.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST p WHERE p.DB = '"
                     + runtime.database() + "' AND p.COMMAND = 'Query' AND " + condition)) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The open InnoDB transactions and their sessions, for failure messages. */
    private static List<String> transactions(Connection monitor) {
        List<String> rows = new java.util.ArrayList<>();
        try (Statement s = monitor.createStatement();
             ResultSet rs = s.executeQuery("SELECT t.trx_mysql_thread_id, t.trx_state, p.DB, p.INFO "
                     + "FROM information_schema.INNODB_TRX t "
                     + "LEFT JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
            try (ResultSet ps = s.executeQuery(
                    "SELECT ID, DB, COMMAND, STATE, INFO FROM information_schema.PROCESSLIST")) {
                while (ps.next()) {
                    rows.add("session " + ps.getLong(1) + " " + ps.getString(2) + " " + ps.getString(3) + " "
                            + ps.getString(4) + " " + ps.getString(5));
                }
            }
        } catch (java.sql.SQLException e) {
            rows.add(e.toString());
        }
        return rows;
    }

    /** The dead letter of {@code operations}, removed from the dead letters (re-driven and dropped). */
    private AsyncFlush.DeadLetter takeDeadLetter(AsyncFlush async, String operations) {
        List<AsyncFlush.DeadLetter> letters = async.deadLetters(POOL, 100).stream()
                .filter(l -> l.operations().equals(operations)).toList();
        assertThat(letters).hasSize(1);
        runtime.redisConnection().sync().xdel(async.streamKey(POOL) + ":dead", letters.get(0).id());
        return letters.get(0);
    }

    private static String lastError(AsyncFlush.DeadLetter letter) {
        return letter.error().substring(letter.error().indexOf("last error:"));
    }
}
