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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AsyncFlushOptions.deadLetterThreshold}: an entry whose own statement keeps failing
 * transiently (here: it waits for a row lock another transaction holds until the statement-timeout
 * cancels it) goes to the dead letters after that many attempts, while its neighbours apply.
 */
class AsyncFlushDeadLetterThresholdTest extends OrmTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;
    private static final String POOL = Registry.DEFAULT_POOL;

    /** The consumer's instance: its statements are cancelled after one second. */
    private OrmTestRuntime consumerNode;

    @BeforeAll
    void startConsumerNode() {
        consumerNode = OrmTestRuntime.attachedWithStatementTimeout("fluxa_orm_asyncflushdeadletterthresholdtest",
                Duration.ofSeconds(1));
    }

    @AfterAll
    void stopConsumerNode() {
        if (consumerNode != null) {
            consumerNode.close();
        }
    }

    private CategoryEntity category(Context ctx, String code) {
        CategoryEntity c = CATEGORIES.newEntity(ctx);
        c.setCode(code);
        c.setName("Category " + code);
        return c;
    }

    private Map<Long, String> names() {
        return AsyncFlushTest.mysqlNames(runtime, "categories", "Name");
    }

    @Test
    void anEntryThatKeepsWaitingForALockIsDeadLetteredAfterTheThresholdWhileItsNeighboursApply() throws Exception {
        Context setup = context();
        CategoryEntity locked = category(setup, "lockRow");
        setup.flush();

        Context ctx = context();
        CategoryEntity before = category(ctx, "beforeL");
        ctx.flushAsync(false);
        CategoryEntity update = CATEGORIES.mustGetById(ctx, locked.getId());
        update.setName("never while locked");
        ctx.flushAsync(false);
        CategoryEntity after = category(ctx, "afterL");
        ctx.flushAsync(false);

        AsyncFlushConsumer consumer = consumerNode.engine().asyncFlush().consumer(POOL, AsyncFlushOptions.DEFAULTS
                .withDeadLetterThreshold(2).withRetryBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
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
        assertThat(mysql).containsEntry(before.getId(), "Category beforeL")
                .containsEntry(after.getId(), "Category afterL")
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
}
