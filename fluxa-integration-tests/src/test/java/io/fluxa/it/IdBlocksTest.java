package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.DuplicateKeyException;
import io.fluxa.PoolUnavailableException;
import io.fluxa.Registry;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.CuttableProxy;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.OrmTestRuntime;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QuerySource;
import io.fluxa.test.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Id blocks ({@code Registry.idBlockSize}): engines reserve ids ahead from the shared Redis counter and
 * hand them out locally. Ids stay unique across engines and threads, ids the application chooses keep
 * working, and a Redis outage fails the flush cleanly once the block runs out.
 */
class IdBlocksTest extends OrmTestBase {

    private static final String BASE = "fluxa_orm_idblockstest";
    private static final NoteProvider NOTES = NoteProvider.INSTANCE;
    private static final ProductProvider PRODUCTS = ProductProvider.INSTANCE;

    @BeforeEach
    void emptyTables() {
        runtime.sql("DELETE FROM `products`");
        runtime.sql("DELETE FROM `categories`");
        runtime.sql("DELETE FROM `notes`");
        runtime.redisConnection().sync().del("{notes}:id", "{products}:id", "{categories}:id");
    }

    private record Expected(String text, double price) {
    }

    @Test
    void twoEnginesWithBlocksOnManyThreadsNeverShareAnId() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        runtime.sql("INSERT INTO `notes` (`ID`, `Text`) VALUES (5000, 'existing row')");
        Context setup = context();
        CategoryEntity category = CategoryProvider.INSTANCE.newEntity(setup);
        category.setCode("blocks");
        category.setName("Blocks");
        setup.flush();
        long categoryId = category.getId();
        int sizeA = 2 + random.nextInt(40);
        int sizeB = 2 + random.nextInt(40);
        String run = "seed " + seed + ", blocks " + sizeA + " and " + sizeB;
        try (OrmTestRuntime a = OrmTestRuntime.attachedWithIdBlocks(BASE, sizeA, null);
             OrmTestRuntime b = OrmTestRuntime.attachedWithIdBlocks(BASE, sizeB, null)) {
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Map<Long, Expected>[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long threadSeed = seed + t;
                int thread = t;
                Callable<Map<Long, Expected>[]> work = () -> {
                    Random r = new Random(threadSeed);
                    Map<Long, Expected> notes = new HashMap<>();
                    Map<Long, Expected> products = new HashMap<>();
                    start.await();
                    for (int c = 0; c < 15; c++) {
                        Context ctx = (r.nextBoolean() ? a : b).newContext();
                        List<NoteEntity> newNotes = new ArrayList<>();
                        List<ProductEntity> newProducts = new ArrayList<>();
                        int count = 1 + r.nextInt(60);
                        for (int i = 0; i < count; i++) {
                            NoteEntity note = NOTES.newEntity(ctx);
                            note.setText("t" + thread + "c" + c + "i" + i);
                            newNotes.add(note);
                            if (r.nextInt(4) == 0) {
                                note.getId(); // an id taken before the flush
                            }
                            if (i % 3 == 0) {
                                ProductEntity product = PRODUCTS.newEntity(ctx);
                                product.setName("p" + thread + "-" + c + "-" + i);
                                product.setCategory(categoryId);
                                product.setPrice(r.nextInt(10_000));
                                newProducts.add(product);
                            }
                        }
                        ctx.flush();
                        for (NoteEntity note : newNotes) {
                            assertThat(notes.put(note.getId(), new Expected(note.getText(), 0))).isNull();
                        }
                        for (ProductEntity product : newProducts) {
                            assertThat(products.put(product.getId(), new Expected(product.getName(), product.getPrice())))
                                    .isNull();
                        }
                    }
                    @SuppressWarnings("unchecked")
                    Map<Long, Expected>[] both = new Map[] {notes, products};
                    return both;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            Map<Long, Expected> notes = new HashMap<>();
            Map<Long, Expected> products = new HashMap<>();
            for (Future<Map<Long, Expected>[]> result : results) {
                Map<Long, Expected>[] both = result.get(120, TimeUnit.SECONDS);
                both[0].forEach((id, expected) -> assertThat(notes.put(id, expected))
                        .as("note id %d handed out twice (%s)", id, run).isNull());
                both[1].forEach((id, expected) -> assertThat(products.put(id, expected))
                        .as("product id %d handed out twice (%s)", id, run).isNull());
            }
            pool.shutdown();
            assertThat(notes.keySet()).as(run).allMatch(id -> id > 5000);

            Map<Long, Expected> notesInMySql = rows("SELECT `ID`, `Text`, 0 FROM `notes` WHERE `ID` <> 5000");
            assertThat(notesInMySql).as(run).isEqualTo(notes);
            assertThat(rows("SELECT `ID`, `Name`, `Price` FROM `products`")).as(run).isEqualTo(products);
            for (OrmTestRuntime engine : List.of(a, b)) {
                Context read = engine.newContext();
                read.disableContextCache();
                for (Map.Entry<Long, Expected> product : products.entrySet()) {
                    ProductEntity cached = PRODUCTS.mustGetById(read, product.getKey());
                    assertThat(new Expected(cached.getName(), cached.getPrice())).as(run).isEqualTo(product.getValue());
                }
            }
        }
    }

    @Test
    void flushesTakeIdsFromTheBlockAndCallRedisOnlyWhenItRunsOut() throws SQLException {
        Context warm = context(); // seeds the counter (a missing counter costs a second call once)
        newNotes(warm, 1, "warm the counter");
        warm.flush();
        try (OrmTestRuntime blocks = OrmTestRuntime.attachedWithIdBlocks(BASE, 100, null)) {
            List<Long> ids = new ArrayList<>();
            int counterCalls = 0;
            for (int f = 0; f < 10; f++) {
                Context ctx = blocks.newContext();
                List<NoteEntity> notes = newNotes(ctx, 9, "small");
                QueryCounter counter = count(ctx);
                ctx.flush();
                counterCalls += incrbys(counter);
                notes.forEach(n -> ids.add(n.getId()));
            }
            assertThat(counterCalls).as("the first flush reserves its 9 ids and a block of 100").isEqualTo(1);
            long first = ids.get(0);
            assertThat(ids).containsExactlyElementsOf(LongStream.range(first, first + 90).boxed().toList());

            // 19 ids left in the block, 150 needed: the rest of the block and one reservation of 131 + 100
            Context big = blocks.newContext();
            List<NoteEntity> many = newNotes(big, 150, "big");
            QueryCounter counter = count(big);
            big.flush();
            assertThat(incrbys(counter)).isEqualTo(1);
            List<Long> bigIds = many.stream().map(NoteEntity::getId).toList();
            assertThat(bigIds.subList(0, 19)).containsExactlyElementsOf(
                    LongStream.range(first + 90, first + 109).boxed().toList());
            assertThat(bigIds.subList(19, 150)).allMatch(id -> id >= first + 109).doesNotHaveDuplicates();

            Context next = blocks.newContext();
            newNotes(next, 100, "from the new block");
            QueryCounter nextCounter = count(next);
            next.flush();
            assertThat(incrbys(nextCounter)).isZero();
            assertThat(rowCount("notes")).isEqualTo(1 + 90 + 150 + 100);
        }
    }

    @Test
    void chosenIdsStayOutOfTheEnginesBlockAndAheadOfTheCounter() throws SQLException {
        try (OrmTestRuntime blocks = OrmTestRuntime.attachedWithIdBlocks(BASE, 50, null)) {
            Context c1 = blocks.newContext();
            NoteEntity first = newNotes(c1, 1, "first").get(0);
            c1.flush();
            long f = first.getId();

            Context c2 = blocks.newContext(); // an id inside this engine's own block
            NOTES.newEntity(c2, f + 10).setText("chosen in block");
            c2.flush();
            Context c3 = blocks.newContext();
            List<NoteEntity> after = newNotes(c3, 5, "after the chosen one");
            c3.flush();
            assertThat(after).allMatch(n -> n.getId() > f + 10);

            Context c4 = context(); // an id far ahead, chosen through another engine: the counter moves past it
            NOTES.newEntity(c4, 900_000).setText("chosen far ahead");
            c4.flush();
            Context c5 = blocks.newContext(); // 35 ids left in the block, 100 needed
            List<NoteEntity> more = newNotes(c5, 100, "more");
            c5.flush();
            assertThat(more.stream().filter(n -> n.getId() < 900_000)).hasSize(35);
            assertThat(more.stream().filter(n -> n.getId() > 900_000)).hasSize(65);
            assertThat(rowCount("notes")).isEqualTo(1 + 1 + 5 + 1 + 100);
        }
    }

    @Test
    void aChosenIdInsideAnotherEnginesBlockFailsThatInsertAndOverwritesNothing() {
        try (OrmTestRuntime blocks = OrmTestRuntime.attachedWithIdBlocks(BASE, 20, null)) {
            Context c1 = blocks.newContext();
            NoteEntity first = newNotes(c1, 1, "first").get(0);
            c1.flush();
            long next = first.getId() + 1; // the next id of this engine's block

            Context other = context();
            NOTES.newEntity(other, next).setText("chosen elsewhere");
            other.flush();

            Context c2 = blocks.newContext();
            NoteEntity clash = newNotes(c2, 1, "clash").get(0);
            assertThatThrownBy(c2::flush).isInstanceOf(DuplicateKeyException.class);
            assertThat(clash.getId()).isEqualTo(next);
            assertThat(NOTES.mustGetById(context(), next).getText()).isEqualTo("chosen elsewhere");
        }
    }

    @Test
    void withRedisCutOffAFlushUsesTheBlockAndFailsCleanlyWhenItRunsOut() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(OrmTestRuntime.redisHostPort());
             OrmTestRuntime blocks = OrmTestRuntime.attachedWithIdBlocks(BASE, 10, proxy.hostPort())) {
            Context c1 = blocks.newContext();
            long first = newNotes(c1, 1, "before").get(0).getId();
            c1.flush(); // 10 ids left in the block

            proxy.cut();
            Context inBlock = blocks.newContext();
            List<NoteEntity> four = newNotes(inBlock, 4, "from the block");
            inBlock.flush(); // notes have no cache: this flush needs no Redis at all
            assertThat(four.stream().map(NoteEntity::getId).toList())
                    .containsExactly(first + 1, first + 2, first + 3, first + 4);

            Context beyond = blocks.newContext(); // 6 ids left, 10 needed
            List<NoteEntity> ten = newNotes(beyond, 10, "beyond the block");
            assertThatThrownBy(beyond::flush).isInstanceOfSatisfying(PoolUnavailableException.class, e -> {
                assertThat(e.pool()).isEqualTo(Registry.DEFAULT_POOL);
                assertThat(e.getMessage()).contains("notes", "nothing was written");
            });
            assertThat(rowCount("notes")).isEqualTo(5);
            assertThat(ten).allMatch(NoteEntity::isNew);

            proxy.restore();
            Poll.await("the flush goes through once Redis is back", () -> {
                try {
                    beyond.flush();
                    return true;
                } catch (PoolUnavailableException reconnecting) {
                    return false;
                }
            });
            List<Long> ids = ten.stream().map(NoteEntity::getId).toList();
            assertThat(ids.subList(0, 6)).as("the block's ids were not lost by the failed flushes")
                    .containsExactly(first + 5, first + 6, first + 7, first + 8, first + 9, first + 10);
            assertThat(ids.subList(6, 10)).allMatch(id -> id > first + 10).doesNotHaveDuplicates();
            assertThat(rowCount("notes")).isEqualTo(15);
        }
    }

    private static List<NoteEntity> newNotes(Context ctx, int count, String text) {
        List<NoteEntity> notes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            NoteEntity note = NOTES.newEntity(ctx);
            note.setText(text);
            notes.add(note);
        }
        return notes;
    }

    private static int incrbys(QueryCounter counter) {
        return (int) counter.queries(QuerySource.REDIS).stream().filter(q -> q.contains("INCRBY")).count();
    }

    private long rowCount(String table) throws SQLException {
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** id → (second column, third column as a number) of every row {@code sql} returns. */
    private Map<Long, Expected> rows(String sql) throws SQLException {
        Map<Long, Expected> rows = new HashMap<>();
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new Expected(rs.getString(2), rs.getDouble(3)));
            }
        }
        return rows;
    }
}
