package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.AccountEntity;
import io.fluxa.it.model.entities.AccountProvider;
import io.fluxa.it.model.entities.LoanEntity;
import io.fluxa.it.model.entities.LoanProvider;
import io.fluxa.it.model.entities.enums.LoanStatus;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.stream.ConsumerOptions;
import io.fluxa.stream.DirtyAction;
import io.fluxa.stream.EventConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifecycle callbacks and dirty-stream events of async flushes happen when the consumer applies the
 * entries (on its side thread, in commit order, before {@code drain()} returns), never at the enqueue
 * and never for a dead-lettered entry.
 */
class AsyncFlushCallbacksTest extends OrmTestBase {

    private static final AccountProvider ACCOUNTS = AccountProvider.INSTANCE;
    private static final LoanProvider LOANS = LoanProvider.INSTANCE;
    private static final String POOL = Registry.DEFAULT_POOL;
    private static final String SIDE_THREAD = "fluxa-async-flush-" + POOL + "-side";

    private final List<String> callbacks = new CopyOnWriteArrayList<>();
    private AsyncFlushConsumer consumer;
    private EventConsumer loanEvents;

    @BeforeEach
    void setUp() {
        // batches of two: the entries below take three transactions, so several post-commit steps queue up
        consumer = runtime.engine().asyncFlush().consumer(POOL, AsyncFlushOptions.DEFAULTS.withBatchSize(2));
        consumer.drain();
        ACCOUNTS.onAfterInsert(runtime.engine(), (ctx, a) -> callbacks.add("insert " + a.getEmail() + " on "
                + Thread.currentThread().getName()));
        ACCOUNTS.onAfterUpdate(runtime.engine(), (ctx, a, previous) -> callbacks.add("update " + a.getName() + " on "
                + Thread.currentThread().getName()));
        loanEvents = runtime.engine().eventBroker().consumer("LoanEvents", "async-flush-callbacks", "t",
                ConsumerOptions.DEFAULTS.withBlock(Duration.ZERO).withBatchSize(1_000));
        DirtyStreamsTest.read(loanEvents); // what earlier tests published
    }

    @AfterEach
    void tearDown() {
        ACCOUNTS.clearCallbacks(runtime.engine());
        consumer.close();
        loanEvents.close();
    }

    private AccountEntity account(Context ctx, String email) {
        AccountEntity a = ACCOUNTS.newEntity(ctx);
        a.setEmail(email);
        return a;
    }

    @Test
    void callbacksRunWhenTheConsumerAppliesInCommitOrderOnItsSideThreadAndNeverForADeadLetter() {
        Context setup = context();
        account(setup, "taken@example.com");
        setup.flush();
        callbacks.clear();

        Context first = context();
        AccountEntity renamed = account(first, "first@example.com");
        first.flushAsync(false);
        Context duplicate = context();
        account(duplicate, "taken@example.com"); // MySQL refuses it: dead-lettered
        duplicate.flushAsync(false);
        Context third = context();
        account(third, "third@example.com");
        third.flushAsync(false);
        renamed.setName("Renamed");
        first.flushAsync(false);
        Context fifth = context();
        account(fifth, "fifth@example.com");
        fifth.flushAsync(false);
        assertThat(callbacks).as("nothing runs when the entries are enqueued").isEmpty();

        assertThat(consumer.drain()).isEqualTo(4);
        assertThat(callbacks).as("all ran before drain() returned, in stream order").containsExactly(
                "insert first@example.com on " + SIDE_THREAD,
                "insert third@example.com on " + SIDE_THREAD,
                "update Renamed on " + SIDE_THREAD,
                "insert fifth@example.com on " + SIDE_THREAD);
        assertThat(runtime.engine().asyncFlush().deadLetters(POOL, 10)).singleElement()
                .satisfies(letter -> assertThat(letter.error()).contains("duplicate value 'taken@example.com'"));
    }

    @Test
    void dirtyStreamEventsArePublishedWhenTheConsumerApplies() {
        Context ctx = context();
        LoanEntity loan = LOANS.newEntity(ctx);
        loan.setBorrower("Ann");
        loan.setAmount(new BigDecimal("99.90"));
        loan.setStatus(LoanStatus.OPEN);
        loan.setDue(LocalDate.of(2027, 3, 1));
        ctx.flushAsync(false);
        assertThat(DirtyStreamsTest.read(loanEvents)).as("nothing is published at the enqueue").isEmpty();

        consumer.drain();
        assertThat(DirtyStreamsTest.read(loanEvents)).singleElement().satisfies(event -> {
            assertThat(event.id()).isEqualTo(loan.getId());
            assertThat(event.action()).isEqualTo(DirtyAction.INSERT);
            assertThat(event.newValue("borrower", String.class)).isEqualTo("Ann");
        });
    }
}
