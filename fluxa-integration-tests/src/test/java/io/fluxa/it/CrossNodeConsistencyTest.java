package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.OrmTestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.fluxa.it.CrossNodeLocalCacheTest.CATEGORIES;
import static io.fluxa.it.CrossNodeLocalCacheTest.eventually;
import static io.fluxa.it.CrossNodeLocalCacheTest.fresh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes, each with one writer and two readers, over the same rows: once the writers stopped and
 * the last invalidations arrived, a read on every node (answered by its local cache wherever it holds
 * the row) returns exactly what MySQL holds.
 */
class CrossNodeConsistencyTest extends OrmTestBase {

    private static final int NODES = 3;
    private static final int ROWS = 30;
    private static final int WRITES_PER_NODE = 150;

    private final List<OrmTestRuntime> others = new ArrayList<>();

    @BeforeAll
    void startOtherNodes() {
        for (int i = 1; i < NODES; i++) {
            others.add(new OrmTestRuntime("fluxa_orm_crossnodeconsistencytest", false));
        }
    }

    @AfterAll
    void stopOtherNodes() {
        others.forEach(OrmTestRuntime::close);
    }

    @Test
    void afterQuiescenceEveryNodesLocalCacheEqualsMySql() throws Exception {
        long seed = System.nanoTime();
        List<OrmTestRuntime> nodes = new ArrayList<>();
        nodes.add(runtime);
        nodes.addAll(others);
        long[] ids = new long[ROWS];
        String[] codes = new String[ROWS];
        Context setup = runtime.newContext();
        for (int r = 0; r < ROWS; r++) {
            CategoryEntity c = CATEGORIES.newEntity(setup);
            codes[r] = "r" + r + "-" + (seed % 10_000);
            c.setCode(codes[r]);
            c.setName("v0");
            ids[r] = c.getId();
        }
        setup.flush();

        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(NODES * 3);
        List<Future<?>> writers = new ArrayList<>();
        List<Future<?>> readers = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            int node = n;
            OrmTestRuntime runtimeOfNode = nodes.get(n);
            // one writer per node, each owning the rows r with r % NODES == node: no two flushes race on one row
            writers.add(pool.submit(() -> write(runtimeOfNode, node, ids, codes, new Random(seed + node))));
            for (int k = 0; k < 2; k++) {
                Random random = new Random(seed * 31 + node * 7 + k);
                readers.add(pool.submit(() -> {
                    while (writing.get()) {
                        long id = ids[random.nextInt(ROWS)];
                        CATEGORIES.getById(fresh(runtimeOfNode), id);
                    }
                }));
            }
        }
        for (Future<?> writer : writers) {
            writer.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<?> reader : readers) {
            reader.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Map<Long, String> mysql = namesInMySql();
        for (int n = 0; n < NODES; n++) {
            OrmTestRuntime node = nodes.get(n);
            for (long id : ids) {
                String expected = mysql.get(id);
                boolean agrees = eventually(() -> java.util.Objects.equals(expected,
                        CATEGORIES.getById(fresh(node), id).map(CategoryEntity::getName).orElse(null)));
                assertThat(agrees).as("node %d, row %d (seed %d): expected %s", n, id, seed, expected).isTrue();
            }
        }
    }

    /** Renames, deletes and re-inserts (with the same id) the rows this node owns. */
    private static Void write(OrmTestRuntime node, int owner, long[] ids, String[] codes, Random random) {
        boolean[] deleted = new boolean[ids.length];
        for (int i = 0; i < WRITES_PER_NODE; i++) {
            int r = owner + NODES * random.nextInt(ids.length / NODES);
            Context ctx = node.newContext();
            if (deleted[r]) {
                CategoryEntity back = CATEGORIES.newEntity(ctx, ids[r]);
                back.setCode(codes[r]);
                back.setName("n" + owner + "-" + i);
                deleted[r] = false;
            } else if (random.nextInt(10) == 0) {
                CATEGORIES.mustGetById(ctx, ids[r]).delete();
                deleted[r] = true;
            } else {
                CATEGORIES.mustGetById(ctx, ids[r]).setName("n" + owner + "-" + i);
            }
            ctx.flush();
        }
        return null;
    }

    private Map<Long, String> namesInMySql() throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (Connection c = runtime.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT `ID`, `Name` FROM `categories`")) {
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2));
            }
        }
        return names;
    }
}
