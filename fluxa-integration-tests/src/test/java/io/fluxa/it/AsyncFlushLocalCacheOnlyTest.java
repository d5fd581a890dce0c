package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.Registry;
import io.fluxa.async.AsyncFlushConsumer;
import io.fluxa.async.AsyncFlushOptions;
import io.fluxa.it.model.entities.MemoEntity;
import io.fluxa.it.model.entities.MemoProvider;
import io.fluxa.it.support.OrmTestRuntime;
import io.fluxa.it.support.TwoNodeTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.fluxa.it.CrossNodeLocalCacheTest.channel;
import static io.fluxa.it.CrossNodeLocalCacheTest.eventually;
import static io.fluxa.it.CrossNodeLocalCacheTest.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flushAsync(true)} of an entity with {@code @LocalCache} but no {@code @RedisCache} (nothing
 * shared holds its rows but MySQL): the writing node reads the new values at once from its local cache;
 * the other node reads MySQL's old rows until the consumer applied the entry; then both read MySQL's
 * new rows, whichever node the consumer runs on.
 */
class AsyncFlushLocalCacheOnlyTest extends TwoNodeTestBase {

    private static final MemoProvider MEMOS = MemoProvider.INSTANCE;
    private static final String POOL = Registry.DEFAULT_POOL;

    private static MemoEntity memo(Context ctx, String text) {
        MemoEntity m = MEMOS.newEntity(ctx);
        m.setText(text);
        return m;
    }

    private static String text(OrmTestRuntime node, long id) {
        return MEMOS.getById(fresh(node), id).map(MemoEntity::getText).orElse(null);
    }

    /** Whether a read of memo {@code id} on {@code node} is answered by its local cache alone. */
    private static boolean servedLocally(OrmTestRuntime node, long id) {
        return CrossNodeLocalCacheTest.servedLocally(node, ctx -> MEMOS.getById(ctx, id));
    }

    @Test
    void theWritingNodeReadsTheNewValuesAtOnceAndEveryNodeReadsMySqlOnceTheWritingNodeApplied() {
        writeImmediatelyAndApplyOn(runtime);
    }

    @Test
    void theWritingNodeReadsTheNewValuesAtOnceAndEveryNodeReadsMySqlOnceTheOtherNodeApplied() {
        writeImmediatelyAndApplyOn(nodeB);
    }

    /** Node A writes with {@code flushAsync(true)}; the consumer runs on {@code consumerNode}. */
    private void writeImmediatelyAndApplyOn(OrmTestRuntime consumerNode) {
        assertThat(eventually(() -> channel(runtime).isOpen() && channel(nodeB).isOpen())).isTrue();
        Context setup = context();
        MemoEntity kept = memo(setup, "kept");
        MemoEntity doomed = memo(setup, "doomed");
        setup.flush();
        long keptId = kept.getId();
        long doomedId = doomed.getId();
        for (OrmTestRuntime node : List.of(runtime, nodeB)) {
            assertThat(text(node, keptId)).isEqualTo("kept");
            assertThat(text(node, doomedId)).isEqualTo("doomed");
            assertThat(eventually(() -> servedLocally(node, keptId) && servedLocally(node, doomedId)))
                    .as("both nodes hold the rows locally").isTrue();
        }

        Context ctx = context();
        MemoEntity added = memo(ctx, "added");
        MEMOS.mustGetById(ctx, keptId).setText("changed");
        MEMOS.mustGetById(ctx, doomedId).delete();
        ctx.flushAsync(true);
        long addedId = added.getId();
        assertThat(mysqlTexts()).doesNotContainKey(addedId).containsEntry(keptId, "kept").containsKey(doomedId);

        // the writing node: new contexts read the new values from the local cache, without MySQL
        assertThat(text(runtime, addedId)).isEqualTo("added");
        assertThat(text(runtime, keptId)).isEqualTo("changed");
        assertThat(text(runtime, doomedId)).isNull();
        for (long id : List.of(addedId, keptId, doomedId)) {
            assertThat(servedLocally(runtime, id)).as("memo %d written through to the local cache", id).isTrue();
        }
        // the other node dropped its copies and reads MySQL's rows, which do not have the change yet
        assertThat(eventually(() -> !servedLocally(nodeB, keptId))).as("node B dropped its copy").isTrue();
        assertThat(text(nodeB, addedId)).isNull();
        assertThat(text(nodeB, keptId)).isEqualTo("kept");
        assertThat(text(nodeB, doomedId)).isEqualTo("doomed");
        assertThat(eventually(() -> servedLocally(nodeB, keptId))).as("node B cached MySQL's old row").isTrue();

        try (AsyncFlushConsumer consumer = consumerNode.engine().asyncFlush().consumer(POOL,
                AsyncFlushOptions.DEFAULTS)) {
            assertThat(consumer.drain()).isEqualTo(1);
        }
        assertThat(mysqlTexts()).containsEntry(addedId, "added").containsEntry(keptId, "changed")
                .doesNotContainKey(doomedId);
        for (OrmTestRuntime node : List.of(runtime, nodeB)) {
            assertThat(eventually(() -> "added".equals(text(node, addedId)) && "changed".equals(text(node, keptId))
                    && text(node, doomedId) == null))
                    .as("%s reads MySQL's rows once applied", node == runtime ? "node A" : "node B").isTrue();
        }
    }

    private Map<Long, String> mysqlTexts() {
        return AsyncFlushTest.mysqlNames(runtime, "memos", "Text");
    }
}
