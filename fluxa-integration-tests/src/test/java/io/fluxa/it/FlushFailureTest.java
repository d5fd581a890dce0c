package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.DuplicateKeyException;
import io.fluxa.ForeignKeyException;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ProductEntity;
import io.fluxa.it.model.entities.ProductProvider;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.log.QuerySource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A failed flush leaves MySQL, Redis and the local cache exactly as before, and the entities dirty. */
class FlushFailureTest extends OrmTestBase {

    private static final CategoryProvider CATEGORIES = CategoryProvider.INSTANCE;

    @Test
    void duplicateUniqueKeyRollsBackEverythingAndNamesTheIndex() throws Exception {
        Context setup = context();
        CategoryEntity existing = newCategory(setup, "taken", "Existing");
        CategoryEntity toRename = newCategory(setup, "rename", "Before");
        setup.flush();
        // warm every tier
        CATEGORIES.mustGetById(freshContext(), toRename.getId());
        CATEGORIES.getByIndexCode(freshContext(), "taken");

        Map<String, String> mysqlBefore = mysqlRows();
        Map<String, String> redisBefore = redisSnapshot();
        long localBefore = runtime.localEntries();

        Context ctx = context();
        CategoryEntity renamed = CATEGORIES.mustGetById(ctx, toRename.getId());
        renamed.setName("After"); // an update that would succeed alone
        CategoryEntity fresh = newCategory(ctx, "fresh", "Fresh");
        CategoryEntity duplicate = newCategory(ctx, "taken", "Duplicate");

        assertThatThrownBy(ctx::flush).isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
            assertThat(e.table()).isEqualTo("categories");
            assertThat(e.index()).isEqualTo("Code");
            assertThat(e.getMessage()).contains("taken", "Code", "categories");
        });

        assertThat(mysqlRows()).isEqualTo(mysqlBefore);
        assertThat(redisSnapshot()).isEqualTo(redisBefore);
        assertThat(runtime.localEntries()).isEqualTo(localBefore);
        assertThat(CATEGORIES.mustGetById(freshContext(), toRename.getId()).getName()).isEqualTo("Before");
        assertThat(renamed.isDirty()).isTrue();
        assertThat(fresh.isNew()).isTrue();
        assertThat(duplicate.isDirty()).isTrue();
        assertThat(ctx.pendingChanges()).isEqualTo(3);

        // fixing the cause and flushing again writes everything
        duplicate.setCode("unique");
        ctx.flush();
        assertThat(CATEGORIES.mustGetById(freshContext(), toRename.getId()).getName()).isEqualTo("After");
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "unique")).isPresent();
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "fresh")).isPresent();
    }

    @Test
    void singleRowFlushFailsCleanlyToo() {
        Context setup = context();
        CategoryEntity first = newCategory(setup, "single", "First");
        setup.flush();
        Context ctx = context();
        CategoryEntity second = newCategory(ctx, "single", "Second");
        assertThatThrownBy(ctx::flush).isInstanceOfSatisfying(DuplicateKeyException.class,
                e -> assertThat(e.index()).isEqualTo("Code"));
        assertThat(second.isNew()).isTrue();
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "single")).map(CategoryEntity::getName).contains("First");
        second.setCode("single2");
        ctx.flush();
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "single2")).isPresent();
    }

    /**
     * New rows of one table are one multi-row INSERT in auto-commit: a refused row in the middle leaves
     * none of them, in MySQL or in any cache, and the entities stay new for a retry.
     */
    @Test
    void multiRowInsertRefusedInTheMiddleWritesNoRow() throws Exception {
        Context setup = context();
        CategoryEntity existing = newCategory(setup, "midtaken", "Existing");
        setup.flush();
        CATEGORIES.getByIndexCode(freshContext(), "midtaken"); // warm the cached unique index
        CATEGORIES.mustGetById(freshContext(), existing.getId());

        Map<String, String> mysqlBefore = mysqlRows();
        Map<String, String> redisBefore = redisSnapshot();
        long localBefore = runtime.localEntries();

        Context ctx = context();
        List<CategoryEntity> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CategoryEntity row = newCategory(ctx, i == 5 ? "midtaken" : "mid" + i, "Row " + i);
            row.setParent(i == 0 ? existing : rows.get(0)); // a parent earlier in the same statement
            rows.add(row);
        }
        QueryCounter counter = count(ctx);
        assertThatThrownBy(ctx::flush).isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
            assertThat(e.table()).isEqualTo("categories");
            assertThat(e.index()).isEqualTo("Code");
            assertThat(e.getMessage()).contains("midtaken");
        });
        assertThat(counter.queries(QuerySource.MYSQL)).as("one statement, no transaction").singleElement()
                .asString().startsWith("INSERT INSERT INTO `categories` (").endsWith("),… x10");

        assertThat(mysqlRows()).isEqualTo(mysqlBefore);
        assertThat(redisSnapshot()).isEqualTo(redisBefore);
        assertThat(runtime.localEntries()).isEqualTo(localBefore);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.isNew()).isTrue();
            assertThat(row.isDirty()).isTrue();
        });
        assertThat(ctx.pendingChanges()).isEqualTo(10);

        // a duplicate between two rows of the statement itself is refused the same way
        rows.get(5).setCode("mid1");
        assertThatThrownBy(ctx::flush).isInstanceOfSatisfying(DuplicateKeyException.class,
                e -> assertThat(e.index()).isEqualTo("Code"));
        assertThat(mysqlRows()).isEqualTo(mysqlBefore);
        assertThat(redisSnapshot()).isEqualTo(redisBefore);
        assertThat(ctx.pendingChanges()).isEqualTo(10);
        assertThat(CATEGORIES.getByIndexCode(freshContext(), "mid0")).isEmpty();

        rows.get(5).setCode("mid5");
        counter.reset();
        ctx.flush();
        assertThat(counter.queries(QuerySource.MYSQL)).singleElement().asString().endsWith("),… x10");
        for (int i = 0; i < 10; i++) {
            CategoryEntity stored = CATEGORIES.getByIndexCode(freshContext(), "mid" + i).orElseThrow();
            assertThat(stored.getId()).isEqualTo(rows.get(i).getId());
            assertThat(stored.getName()).isEqualTo("Row " + i);
            assertThat(stored.getParentId()).isEqualTo(i == 0 ? existing.getId() : rows.get(0).getId());
            assertThat(rows.get(i).isDirty()).isFalse();
        }
        assertThat(ctx.pendingChanges()).isZero();
    }

    @Test
    void compositeUniqueIndexIsNamedToo() {
        Context ctx = context();
        CategoryEntity category = newCategory(ctx, "comp", "Composite");
        for (int i = 0; i < 2; i++) {
            ProductEntity p = ProductProvider.INSTANCE.newEntity(ctx);
            p.setName("Same");
            p.setCategory(category);
        }
        assertThatThrownBy(ctx::flush).isInstanceOfSatisfying(DuplicateKeyException.class,
                e -> assertThat(e.index()).isEqualTo("NameInCategory"));
    }

    @Test
    void foreignKeyViolationsAreReported() {
        Context ctx = context();
        ProductEntity orphan = ProductProvider.INSTANCE.newEntity(ctx);
        orphan.setName("Orphan");
        orphan.setCategory(987_654_321);
        assertThatThrownBy(ctx::flush).isInstanceOfSatisfying(ForeignKeyException.class,
                e -> assertThat(e.getMessage()).contains("does not exist"));

        Context second = context();
        CategoryEntity category = newCategory(second, "parentfk", "Referenced");
        ProductEntity product = ProductProvider.INSTANCE.newEntity(second);
        product.setName("Child");
        product.setCategory(category);
        second.flush();
        Context third = context();
        CATEGORIES.mustGetById(third, category.getId()).delete();
        assertThatThrownBy(third::flush).isInstanceOfSatisfying(ForeignKeyException.class,
                e -> assertThat(e.getMessage()).contains("still referenced"));
        assertThat(CATEGORIES.getById(freshContext(), category.getId())).isPresent();
    }

    private Map<String, String> mysqlRows() throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = runtime.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT `ID`, `Code`, `Name`, `Parent` FROM `categories`")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }

    private Map<String, String> redisSnapshot() {
        Map<String, String> snapshot = new TreeMap<>();
        var sync = runtime.redisConnection().sync();
        for (String key : sync.keys("*")) {
            if (key.endsWith(":id")) {
                continue; // ids reserved for the failed inserts are skipped, like AUTO_INCREMENT gaps
            }
            String type = sync.type(key);
            switch (type) {
                case "hash" -> sync.hgetall(key).forEach((f, v) -> snapshot.put(key + "#" + f, new String(v)));
                case "string" -> snapshot.put(key, new String(sync.get(key)));
                default -> snapshot.put(key, type);
            }
        }
        return snapshot;
    }

    /** A new category in {@code ctx}, not flushed. */
    private static CategoryEntity newCategory(Context ctx, String code, String name) {
        CategoryEntity category = CATEGORIES.newEntity(ctx);
        category.setCode(code);
        category.setName(name);
        return category;
    }
}
