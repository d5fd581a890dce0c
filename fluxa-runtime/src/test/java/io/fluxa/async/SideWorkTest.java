package io.fluxa.async;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer's side thread: post-commit steps in commit order, and what happens once it is closed. */
class SideWorkTest {

    @Test
    void postCommitStepsRunInOrderOnTheSideThreadAndAFailingOneDoesNotStopTheNext() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (SideWork side = new SideWork("orders")) {
            side.compute(() -> { // holds the thread: the steps below queue behind it
                await(release);
                return null;
            });
            side.afterCommit(() -> ran.add("1 " + Thread.currentThread().getName()));
            release.countDown();
            side.afterCommit(() -> {
                throw new IllegalStateException("a cache write failed");
            });
            side.afterCommit(() -> ran.add("3"));
            side.awaitAfterCommit();
            assertThat(ran).containsExactly("1 fluxa-async-flush-orders-side", "3");
        }
    }

    @Test
    void closeRunsWhatWasGivenAndWorkGivenAfterwardsRunsHereOrIsRefused() {
        List<String> ran = new CopyOnWriteArrayList<>();
        SideWork side = new SideWork("orders");
        side.afterCommit(() -> ran.add("before close"));
        side.close();
        assertThat(ran).containsExactly("before close");

        side.afterCommit(() -> ran.add("after close " + Thread.currentThread().getName()));
        assertThat(ran).containsExactly("before close", "after close " + Thread.currentThread().getName());
        // a plan asked for after close is not made: the consumer plans the batch itself
        assertThat(SideWork.resultOrNull(side.compute(() -> "plan"))).isNull();
    }

    @Test
    void aComputedResultIsHandedOutAndAFailedOneIsNull() {
        try (SideWork side = new SideWork("orders")) {
            assertThat(SideWork.resultOrNull(side.compute(() -> "plan"))).isEqualTo("plan");
            assertThat(SideWork.<String>resultOrNull(side.compute(() -> {
                throw new IllegalArgumentException("entity Order is not registered");
            }))).isNull();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
