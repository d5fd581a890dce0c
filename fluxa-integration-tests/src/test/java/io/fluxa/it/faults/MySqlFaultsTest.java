package io.fluxa.it.faults;

import io.fluxa.Context;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.log.QueryLogHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * MySQL frozen, killed in the middle of a flush and cut off under a running engine: the flush fails
 * within the pool's timeouts with a {@link PoolUnavailableException} naming the pool, nothing is half
 * applied, and the next flush works once the server is back.
 */
class MySqlFaultsTest extends FaultTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final NoteProvider NOTES = NoteProvider.INSTANCE;
    private static final String DB = "fault_mysql";

    @Override
    String database() {
        return DB;
    }

    @AfterEach
    void heal() {
        servers.mysql.resume();
        servers.mysqlProxy.restore();
        if (!servers.mysql.isRunning()) {
            servers.mysql.start();
        }
    }

    @Test
    void frozenMySqlFailsTheFlushWithinItsTimeoutAndNothingIsHalfApplied() {
        Context setup = engine.newContext();
        newCategory(setup, "frozen0", "Before");
        setup.flush();
        long before = count("categories");

        Context ctx = engine.newContext();
        CategoryEntity changed = CATEGORIES.getByIndexCode(ctx, "frozen0").orElseThrow();
        changed.setName("After");
        List<CategoryEntity> added = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            added.add(newCategory(ctx, "frozen" + i, "New " + i));
        }
        servers.mysql.freeze();
        long start = System.nanoTime();
        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, ctx::flush))
                .isInstanceOfSatisfying(PoolUnavailableException.class, e -> {
                    assertThat(e.pool()).isEqualTo(Registry.DEFAULT_POOL);
                    assertThat(e.getMessage()).contains("MySQL pool 'default'", "socket-timeout");
                });
        System.out.printf("FAULT-FIGURE mysql-frozen flush-failed-after-ms=%d socket-timeout-ms=%d%n",
                (System.nanoTime() - start) / 1_000_000, FaultServers.MYSQL_SOCKET_TIMEOUT.toMillis());
        servers.mysql.resume();

        // nothing half applied: the update and the inserts are all absent
        assertThat(count("categories")).isEqualTo(before);
        assertThat(servers.queryString("SELECT `Name` FROM `" + DB + "`.`categories` WHERE `Code` = 'frozen0'"))
                .isEqualTo("Before");
        assertThat(changed.isDirty()).isTrue();
        assertThat(added).allSatisfy(c -> assertThat(c.isNew()).isTrue());

        // the same pending changes flush once the server answers again
        assertTimeoutPreemptively(HANG_GUARD, ctx::flush);
        assertThat(count("categories")).isEqualTo(before + 3);
        assertThat(CATEGORIES.getByIndexCode(fresh(), "frozen0").orElseThrow().getName()).isEqualTo("After");
    }

    @Test
    void mySqlKilledInTheMiddleOfAFlushLeavesNoPartialRows() {
        long before = count("notes");
        Context ctx = engine.newContext();
        for (int i = 0; i < 500; i++) {
            NoteEntity note = NOTES.newEntity(ctx);
            note.setText("note " + i);
        }
        for (int i = 0; i < 20; i++) {
            newCategory(ctx, "kill" + i, "Killed " + i);
        }
        // kill -9 the server right after the flush's first INSERT ran, before the commit
        AtomicBoolean killed = new AtomicBoolean();
        QueryLogHandler killer = event -> {
            if (event.operation().equals("INSERT") && killed.compareAndSet(false, true)) {
                servers.mysql.kill();
            }
        };
        ctx.registerQueryLogger(killer, true, false, false);
        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, ctx::flush))
                .isInstanceOfSatisfying(PoolUnavailableException.class,
                        e -> assertThat(e.pool()).isEqualTo(Registry.DEFAULT_POOL));
        assertThat(killed).isTrue();

        servers.mysql.start(); // crash recovery rolls the open transaction back
        assertThat(count("notes")).isEqualTo(before);
        assertThat(servers.queryLong("SELECT COUNT(*) FROM `" + DB + "`.`categories` WHERE `Code` LIKE 'kill%'"))
                .isZero();

        // the engine's pool reconnects; a later flush works. A connection the pool handed out within
        // HikariCP's 500 ms alive-bypass window may still be one the killed server had: that flush
        // fails with PoolUnavailableException, writes nothing, and the same flush again succeeds.
        Context later = engine.newContext();
        NoteEntity note = NOTES.newEntity(later);
        note.setText("after restart");
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                assertTimeoutPreemptively(HANG_GUARD, later::flush);
                break;
            } catch (PoolUnavailableException staleConnection) {
                assertThat(attempts).as("flushes failing on connections of the killed server").isLessThan(5);
            }
        }
        assertThat(count("notes")).isEqualTo(before + 1);
    }

    @Test
    void connectionCutByTheNetworkIsAPoolUnavailableExceptionNamingThePool() {
        Context setup = engine.newContext();
        NoteEntity note = NOTES.newEntity(setup);
        note.setText("cut");
        setup.flush();
        servers.mysqlProxy.cut();
        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> NOTES.getById(fresh(), note.getId())))
                .isInstanceOfSatisfying(PoolUnavailableException.class, e -> {
                    assertThat(e.pool()).isEqualTo(Registry.DEFAULT_POOL);
                    assertThat(e.getMessage()).contains("MySQL pool 'default'");
                });
        servers.mysqlProxy.restore();
        // The pool may still hold connections the cut closed; Hikari drops each one when it fails (and
        // checks only connections idle for over 0.5 s before lending them), so a few reads may fail first.
        String text = null;
        for (int attempts = 1; text == null; attempts++) {
            try {
                text = assertTimeoutPreemptively(HANG_GUARD, () -> NOTES.mustGetById(fresh(), note.getId()).getText());
            } catch (PoolUnavailableException staleConnection) {
                assertThat(attempts).as("reads failing on connections the cut closed").isLessThan(5);
            }
        }
        assertThat(text).isEqualTo("cut");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static CategoryEntity newCategory(Context ctx, String code, String name) {
        CategoryEntity category = CATEGORIES.newEntity(ctx);
        category.setCode(code);
        category.setName(name);
        return category;
    }

    private long count(String table) {
        return servers.queryLong("SELECT COUNT(*) FROM `" + DB + "`.`" + table + "`");
    }

}
