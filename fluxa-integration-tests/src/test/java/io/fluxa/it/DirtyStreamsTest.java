package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.DuplicateKeyException;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.LoanEntity;
import io.fluxa.it.model.entities.LoanProvider;
import io.fluxa.it.model.entities.enums.LoanStatus;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.redis.RedisPool;
import io.fluxa.stream.ConsumerOptions;
import io.fluxa.stream.DirtyAction;
import io.fluxa.stream.DirtyEvent;
import io.fluxa.stream.EventConsumer;
import io.fluxa.stream.StreamMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @DirtyStream} events of real flushes: {@code Loan} publishes everything to {@code LoanEvents}
 * and inserts, deletes and status changes to {@code LoanStatus}.
 */
class DirtyStreamsTest extends OrmTestBase {

    private static final LoanProvider LOANS = LoanProvider.INSTANCE;
    private EventConsumer allEvents;
    private EventConsumer statusEvents;

    @BeforeAll
    void consumers() {
        ConsumerOptions now = ConsumerOptions.DEFAULTS.withBlock(Duration.ZERO).withBatchSize(1_000);
        allEvents = runtime.engine().eventBroker().consumer("LoanEvents", "test", "t", now);
        statusEvents = runtime.engine().eventBroker().consumer("LoanStatus", "test", "t", now);
    }

    @AfterAll
    void closeConsumers() {
        allEvents.close();
        statusEvents.close();
    }

    /** The events published since the last call (other tests of async flushes use it too). */
    static List<DirtyEvent> read(EventConsumer consumer) {
        List<DirtyEvent> events = new ArrayList<>();
        consumer.poll(e -> events.add(DirtyEvent.of(e)));
        return events;
    }

    private LoanEntity newLoan(Context ctx) {
        LoanEntity loan = LOANS.newEntity(ctx);
        loan.setBorrower("Ann");
        loan.setAmount(new BigDecimal("1200.50"));
        loan.setStatus(LoanStatus.OPEN);
        loan.setDue(LocalDate.of(2027, 1, 31));
        return loan;
    }

    @Test
    void eachActionPublishesTheRightOldAndNewValues() {
        read(allEvents);
        read(statusEvents);
        Context ctx = context();
        ctx.setMetaData("user", "clerk-7");
        LoanEntity loan = newLoan(ctx);
        ctx.flush();

        DirtyEvent insert = single(read(allEvents));
        assertThat(insert.entity()).isEqualTo("Loan");
        assertThat(insert.id()).isEqualTo(loan.getId());
        assertThat(insert.action()).isEqualTo(DirtyAction.INSERT);
        assertThat(insert.metaData()).containsEntry("user", "clerk-7");
        assertThat(insert.event().header(DirtyEvent.ENTITY_HEADER)).isEqualTo("Loan");
        assertThat(insert.changedFields()).containsExactly("borrower", "amount", "status", "due", "fakeDelete",
                "updatedAt");
        assertThat(insert.oldValue("borrower")).isNull();
        assertThat(insert.newValue("borrower", String.class)).isEqualTo("Ann");
        assertThat(insert.newValue("amount", BigDecimal.class)).isEqualTo(new BigDecimal("1200.50"));
        assertThat(insert.newValue("status")).isEqualTo("open");
        assertThat(insert.newValue("due", LocalDate.class)).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(insert.newValue("fakeDelete")).isEqualTo(false);
        assertThat(insert.newValue("updatedAt", Instant.class)).isEqualTo(loan.getUpdatedAt());
        assertThat(insert.time()).isBeforeOrEqualTo(Instant.now());
        assertThat(single(read(statusEvents)).action()).isEqualTo(DirtyAction.INSERT);

        // an update of the amount: LoanEvents only (LoanStatus publishes updates when status changed)
        Context second = context();
        second.setMetaData("user", "clerk-8");
        LoanEntity edited = LOANS.mustGetById(second, loan.getId());
        Instant stampedBefore = edited.getUpdatedAt();
        edited.setAmount(new BigDecimal("1000.00"));
        second.flush();
        DirtyEvent update = single(read(allEvents));
        assertThat(update.action()).isEqualTo(DirtyAction.UPDATE);
        assertThat(update.metaData()).containsEntry("user", "clerk-8");
        assertThat(update.changedFields()).contains("amount").doesNotContain("borrower", "status", "due");
        assertThat(update.oldValue("amount", BigDecimal.class)).isEqualTo(new BigDecimal("1200.50"));
        assertThat(update.newValue("amount", BigDecimal.class)).isEqualTo(new BigDecimal("1000.00"));
        if (update.changed("updatedAt")) {
            assertThat(update.oldValue("updatedAt")).isEqualTo(stampedBefore);
        }
        assertThat(read(statusEvents)).isEmpty();

        // the trigger field changes: both streams
        edited.setStatus(LoanStatus.PAID);
        second.flush();
        DirtyEvent paid = single(read(statusEvents));
        assertThat(paid.action()).isEqualTo(DirtyAction.UPDATE);
        assertThat(paid.oldValue("status")).isEqualTo("open");
        assertThat(paid.newValue("status")).isEqualTo("paid");
        assertThat(single(read(allEvents)).newValue("status")).isEqualTo("paid");

        // soft delete: a SOFT_DELETE to both streams (both have D), carrying the flag's change
        edited.delete();
        second.flush();
        DirtyEvent softAll = single(read(allEvents));
        DirtyEvent softStatus = single(read(statusEvents));
        for (DirtyEvent soft : List.of(softAll, softStatus)) {
            assertThat(soft.action()).isEqualTo(DirtyAction.SOFT_DELETE);
            assertThat(soft.id()).isEqualTo(loan.getId());
            assertThat(soft.oldValue("fakeDelete")).isEqualTo(false);
            assertThat(soft.newValue("fakeDelete")).isEqualTo(true);
            // every field, so consumers know what the row was
            assertThat(soft.oldValue("borrower")).isEqualTo("Ann");
            assertThat(soft.newValue("borrower")).isEqualTo("Ann");
            assertThat(soft.oldValue("status")).isEqualTo("paid");
        }

        // removing the row: DELETE with every old value and no new ones
        edited.forceDelete();
        second.flush();
        DirtyEvent delete = single(read(allEvents));
        assertThat(delete.action()).isEqualTo(DirtyAction.DELETE);
        assertThat(delete.oldValue("borrower")).isEqualTo("Ann");
        assertThat(delete.oldValue("amount")).isEqualTo("1000.00");
        assertThat(delete.oldValue("status")).isEqualTo("paid");
        assertThat(delete.oldValue("fakeDelete")).isEqualTo(true);
        assertThat(delete.newValue("borrower")).isNull();
        assertThat(single(read(statusEvents)).action()).isEqualTo(DirtyAction.DELETE);
    }

    @Test
    void oneFlushOfManyRowsPublishesOneEventPerRowInOrder() {
        read(allEvents);
        Context ctx = context();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            LoanEntity loan = newLoan(ctx);
            loan.setBorrower("b" + i);
            ids.add(loan.getId());
        }
        ctx.flush();
        List<DirtyEvent> events = read(allEvents);
        assertThat(events).extracting(DirtyEvent::id).containsExactlyElementsOf(ids);
        assertThat(events).extracting(e -> e.newValue("borrower")).startsWith("b0", "b1", "b2");
    }

    @Test
    void aFailedFlushPublishesNothing() {
        CategoryProvider categories = CategoryProvider.INSTANCE;
        Context setup = context();
        CategoryEntity taken = categories.newEntity(setup);
        taken.setCode("dirty-dup");
        taken.setName("Taken");
        setup.flush();
        read(allEvents);
        read(statusEvents);
        RedisPool redis = runtime.engine().redis("default");
        long allBefore = redis.xLen("LoanEvents");
        long statusBefore = redis.xLen("LoanStatus");

        Context ctx = context();
        newLoan(ctx);
        CategoryEntity duplicate = categories.newEntity(ctx);
        duplicate.setCode("dirty-dup");
        duplicate.setName("Duplicate");
        assertThatThrownBy(ctx::flush).isInstanceOf(DuplicateKeyException.class);

        assertThat(redis.xLen("LoanEvents")).isEqualTo(allBefore);
        assertThat(redis.xLen("LoanStatus")).isEqualTo(statusBefore);
        assertThat(read(allEvents)).isEmpty();

        // fixed and flushed again: now the insert is published, once
        duplicate.setCode("dirty-ok");
        ctx.flush();
        assertThat(read(allEvents)).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo(DirtyAction.INSERT));
    }

    @Test
    void anEventRedisRejectsAfterTheCommitIsRetriedNotLost() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new StreamMeters(runtime.engine().eventBroker()).bindTo(meters);
        RedisPool redis = runtime.engine().redis("default");
        read(statusEvents);
        // LoanStatus becomes a plain string: every XADD to it fails with WRONGTYPE
        redis.del("LoanStatus");
        redis.set("LoanStatus", "not a stream");

        Context ctx = context();
        LoanEntity loan = newLoan(ctx);
        ctx.flush(); // the commit stands; the event waits for a retry
        assertThat(LOANS.getById(freshContext(), loan.getId())).isPresent();
        await("a retry scheduled", () -> counter(meters, "fluxa.streams.dirty.retried") >= 1);

        // Redis takes the stream again: the retry publishes the event
        redis.del("LoanStatus");
        await("the event published by a retry", () -> redis.type("LoanStatus").equals("stream")
                && redis.xLen("LoanStatus") == 1);
        assertThat(counter(meters, "fluxa.streams.dirty.dropped")).isZero();
        runtime.engine().eventBroker().consumer("LoanStatus", "test", "t").close(); // the group, again
        List<DirtyEvent> events = read(statusEvents);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(loan.getId());
            assertThat(e.action()).isEqualTo(DirtyAction.INSERT);
        });
    }

    private static double counter(SimpleMeterRegistry meters, String name) {
        return meters.find(name).tag("stream", "LoanStatus").functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static DirtyEvent single(List<DirtyEvent> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
