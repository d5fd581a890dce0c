package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlush;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.support.TwoNodeTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.fluxa.it.AsyncFlushTest.category;
import static io.fluxa.it.CrossNodeLocalCacheTest.CATEGORIES;
import static io.fluxa.it.CrossNodeLocalCacheTest.channel;
import static io.fluxa.it.CrossNodeLocalCacheTest.eventually;
import static io.fluxa.it.CrossNodeLocalCacheTest.name;
import static io.fluxa.it.CrossNodeLocalCacheTest.servedLocally;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two engines on one database act as application instances: when the consumer on node A
 * dead-letters an entry, node B's local cache drops the rows of that entry too (through the
 * cross-node invalidation channel).
 */
class AsyncFlushRejectedRowsTest extends TwoNodeTestBase {

    private static final String POOL = Registry.DEFAULT_POOL;

    @Test
    void aDeadLetteredEntryEvictsItsRowsFromTheLocalCacheOfEveryNode() {
        assertThat(eventually(() -> channel(runtime).isOpen() && channel(nodeB).isOpen())).isTrue();
        Context setup = context();
        CategoryEntity refused = category(setup, "rjA");
        CategoryEntity holder = category(setup, "rjB");
        setup.flush();
        long id = refused.getId();
        assertThat(name(nodeB, id)).isEqualTo("Category rjA");
        assertThat(eventually(() -> servedLocally(nodeB, id))).as("node B holds the row locally").isTrue();

        // deferred mode changes no cache at enqueue: node B keeps its row until the consumer decides
        Context ctx = context();
        CategoryEntity update = CATEGORIES.mustGetById(ctx, id);
        update.setCode(holder.getCode()); // MySQL refuses the duplicate code
        update.setName("refused");
        ctx.flushAsync(false);
        assertThat(servedLocally(nodeB, id)).isTrue();

        try (AsyncFlushConsumer consumer = runtime.engine().asyncFlush().consumer(POOL, AsyncFlushOptions.DEFAULTS)) {
            consumer.drain();
        }
        List<AsyncFlush.DeadLetter> letters = runtime.engine().asyncFlush().deadLetters(POOL, 10);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.operations()).isEqualTo("UPDATE Category " + id);
            assertThat(letter.attempts()).isEqualTo(1);
        });

        assertThat(eventually(() -> !servedLocally(nodeB, id))).as("node B dropped the row of the refused entry")
                .isTrue();
        assertThat(name(nodeB, id)).isEqualTo("Category rjA");
        assertThat(name(runtime, id)).isEqualTo("Category rjA");
    }
}
