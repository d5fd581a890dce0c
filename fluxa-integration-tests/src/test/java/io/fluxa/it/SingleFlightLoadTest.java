package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent misses of one row in one process cause one MySQL query; the others wait for it. */
class SingleFlightLoadTest extends OrmTestBase {

    @Test
    void sixteenThreadsMissingOneRowShareOneQuery() throws Exception {
        Context setup = context();
        NoteEntity note = NoteProvider.INSTANCE.newEntity(setup);
        note.setText("hot");
        setup.flush();
        long id = note.getId();
        QueryCounter counter = new QueryCounter();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Thread> threads = new ArrayList<>();
        List<Future<String>> reads = new ArrayList<>();
        // LOCK TABLES … WRITE makes the first SELECT wait, so all 16 misses overlap for sure
        try (Connection lock = runtime.dataSource().getConnection(); Statement s = lock.createStatement()) {
            s.execute("LOCK TABLES `notes` WRITE");
            try {
                for (int t = 0; t < 16; t++) {
                    reads.add(pool.submit(() -> {
                        synchronized (threads) {
                            threads.add(Thread.currentThread());
                        }
                        Context ctx = context();
                        ctx.registerQueryLogger(counter, true, false, false);
                        return NoteProvider.INSTANCE.mustGetById(ctx, id).getText();
                    }));
                }
                awaitWaiting(lock, threads);
            } finally {
                s.execute("UNLOCK TABLES");
            }
        }
        for (Future<String> read : reads) {
            assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo("hot");
        }
        pool.shutdown();
        assertThat(counter.mysql()).as("MySQL queries for 16 concurrent misses of one row").isEqualTo(1);
    }

    /** Until one SELECT waits for the table lock and the 15 other threads wait for its result. */
    private static void awaitWaiting(Connection lock, List<Thread> threads) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            int selects = 0;
            try (Statement s = lock.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%SELECT%notes%' "
                            + "AND ID <> CONNECTION_ID()")) {
                rs.next();
                selects = rs.getInt(1);
            }
            int parked = 0;
            synchronized (threads) {
                for (Thread thread : threads) {
                    if (thread.getState() == Thread.State.WAITING) {
                        parked++;
                    }
                }
            }
            if (selects == 1 && parked == 15) {
                return;
            }
            assertThat(selects).as("SELECTs waiting for the lock").isLessThanOrEqualTo(1);
            assertThat(System.nanoTime()).as("16 readers waiting within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
