package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.Pager;
import io.fluxa.SearchResult;
import io.fluxa.Where;
import io.fluxa.it.model.entities.CategoryEntity;
import io.fluxa.it.model.entities.CategoryProvider;
import io.fluxa.it.model.entities.ListingEntity;
import io.fluxa.it.model.entities.ListingProvider;
import io.fluxa.it.model.entities.enums.ListingStatus;
import io.fluxa.it.model.entities.enums.ListingTags;
import io.fluxa.it.support.OrmTestBase;
import io.fluxa.it.support.QueryCounter;
import io.fluxa.search.RedisSearchWhere;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.fluxa.search.RedisSearchWhere.and;
import static io.fluxa.search.RedisSearchWhere.between;
import static io.fluxa.search.RedisSearchWhere.contains;
import static io.fluxa.search.RedisSearchWhere.containsAny;
import static io.fluxa.search.RedisSearchWhere.eq;
import static io.fluxa.search.RedisSearchWhere.gt;
import static io.fluxa.search.RedisSearchWhere.gte;
import static io.fluxa.search.RedisSearchWhere.in;
import static io.fluxa.search.RedisSearchWhere.isNull;
import static io.fluxa.search.RedisSearchWhere.lt;
import static io.fluxa.search.RedisSearchWhere.lte;
import static io.fluxa.search.RedisSearchWhere.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed forms of {@link RedisSearchWhere}, built from the generated column constants, answer what
 * the same constants answer in a MySQL {@link Where}; a value of the wrong type does not compile, and a
 * set column's constant is refused where the two would mean different things.
 */
class RedisSearchTypedColumnsTest extends OrmTestBase {

    private static final ListingProvider LISTINGS = ListingProvider.INSTANCE;
    private final List<Long> categories = new ArrayList<>();

    @BeforeAll
    void rows() {
        Context ctx = context();
        for (int i = 0; i < 3; i++) {
            CategoryEntity category = CategoryProvider.INSTANCE.newEntity(ctx);
            category.setCode("t" + i);
            category.setName("Typed " + i);
        }
        ctx.flush();
        CategoryProvider.INSTANCE.search(context(), null, null).forEach(c -> categories.add(c.getId()));
        Context rows = context();
        for (int i = 0; i < 60; i++) {
            ListingEntity e = LISTINGS.newEntity(rows);
            e.setCode("T" + i);
            e.setRank(i % 10);
            e.setStock(i % 7 == 0 ? null : (long) (i % 13));
            e.setPrice(BigDecimal.valueOf(500 + (i * 37) % 4000, 2));
            e.setStatus(ListingStatus.values()[i % 3]);
            e.setBrand(i % 5 == 0 ? null : "brand" + (i % 4));
            e.setActive(i % 2 == 0);
            e.setListedOn(i % 6 == 0 ? null : LocalDate.of(2025, 3, 1).plusDays(i % 20));
            e.setSeenAt(Instant.ofEpochSecond(1_750_000_000L + (i % 15) * 3600L));
            if (i % 4 != 0) {
                e.setCategory(categories.get(i % 3));
            }
            EnumSet<ListingTags> tags = EnumSet.noneOf(ListingTags.class);
            for (ListingTags tag : ListingTags.values()) {
                if ((i >> tag.ordinal()) % 2 == 1) {
                    tags.add(tag);
                }
            }
            e.setTags(tags);
        }
        rows.flush();
    }

    @Test
    void typedConditionsAnswerLikeTheSameConstantsInMySql() {
        LocalDate march5 = LocalDate.of(2025, 3, 5);
        Instant seen = Instant.ofEpochSecond(1_750_000_000L + 5 * 3600L);
        Long category = categories.get(1);
        same(eq(ListingEntity.STATUS, ListingStatus.LIVE), ListingEntity.STATUS.eq(ListingStatus.LIVE));
        same(in(ListingEntity.STATUS, ListingStatus.DRAFT, ListingStatus.SOLD),
                ListingEntity.STATUS.in(List.of(ListingStatus.DRAFT, ListingStatus.SOLD)));
        same(eq(ListingEntity.BRAND, "brand2"), ListingEntity.BRAND.eq("brand2"));
        same(eq(ListingEntity.ACTIVE, true), ListingEntity.ACTIVE.eq(true));
        same(eq(ListingEntity.CATEGORY, category), ListingEntity.CATEGORY.eq(category));
        same(in(ListingEntity.RANK, List.of(1L, 3L, 5L)), ListingEntity.RANK.in(List.of(1L, 3L, 5L)));
        same(between(ListingEntity.PRICE, new BigDecimal("10.00"), new BigDecimal("25.50")),
                ListingEntity.PRICE.ge(new BigDecimal("10.00")).and(ListingEntity.PRICE.le(new BigDecimal("25.50"))));
        same(gte(ListingEntity.LISTED_ON, march5), ListingEntity.LISTED_ON.ge(march5));
        same(gt(ListingEntity.SEEN_AT, seen), ListingEntity.SEEN_AT.gt(seen));
        same(lte(ListingEntity.STOCK, 4L), ListingEntity.STOCK.le(4L));
        same(lt(ListingEntity.RANK, 3L), ListingEntity.RANK.lt(3L));
        same(isNull(ListingEntity.BRAND), ListingEntity.BRAND.isNull());
        same(and(eq(ListingEntity.STATUS, ListingStatus.LIVE), gte(ListingEntity.RANK, 4L)),
                ListingEntity.STATUS.eq(ListingStatus.LIVE).and(ListingEntity.RANK.ge(4L)));
        same(not(eq(ListingEntity.ACTIVE, true)), ListingEntity.ACTIVE.eq(false));
    }

    @Test
    void typedSortsAnswerLikeMySqlOrderBy() {
        RedisSearchWhere cheapFirst = gte(ListingEntity.RANK, 2L).sortBy(ListingEntity.PRICE, true);
        Where sqlCheapFirst = ListingEntity.RANK.ge(2L)
                .orderBy(ListingEntity.PRICE.asc() + ", " + ListingEntity.ID.asc());
        RedisSearchWhere newest = RedisSearchWhere.all().sortBy(ListingEntity.LISTED_ON, false);
        Where sqlNewest = Where.all().orderBy(ListingEntity.LISTED_ON.desc() + ", " + ListingEntity.ID.desc());
        for (Pager pager : new Pager[] {Pager.of(1, 7), Pager.of(3, 7), null}) {
            SearchResult<Long> expected = LISTINGS.searchIdsWithCount(context(), sqlCheapFirst, pager);
            SearchResult<Long> actual = LISTINGS.redisSearchIdsWithCount(context(), cheapFirst, pager);
            assertThat(actual.total()).isEqualTo(expected.total()).isPositive();
            assertThat(actual.rows()).isEqualTo(expected.rows()).isNotEmpty();
            assertThat(LISTINGS.redisSearchIds(context(), newest, pager))
                    .isEqualTo(LISTINGS.searchIds(context(), sqlNewest, pager));
        }
        // the named form of the same query gives the same page
        assertThat(LISTINGS.redisSearchIds(context(), RedisSearchWhere.gte("rank", 2L).sortBy("price", true), null))
                .isEqualTo(LISTINGS.redisSearchIds(context(), cheapFirst, null));
    }

    @Test
    void setColumnsAreQueriedByMemberThroughContains() {
        Set<Long> sale = idsWhere("FIND_IN_SET('sale', `Tags`) > 0");
        Set<Long> saleOrEco = idsWhere("FIND_IN_SET('sale', `Tags`) > 0 OR FIND_IN_SET('eco', `Tags`) > 0");
        assertThat(sale).isNotEmpty();
        assertThat(Set.copyOf(LISTINGS.redisSearchIds(context(), contains(ListingEntity.TAGS, ListingTags.SALE), null)))
                .isEqualTo(sale);
        assertThat(Set.copyOf(LISTINGS.redisSearchIds(context(),
                containsAny(ListingEntity.TAGS, List.of(ListingTags.SALE, ListingTags.ECO)), null)))
                .isEqualTo(saleOrEco).hasSizeGreaterThan(sale.size());
        assertThat(LISTINGS.redisSearchCount(context(), containsAny(ListingEntity.TAGS, List.<ListingTags>of())))
                .isZero();
    }

    @Test
    void setColumnConstantsAndContainsOnOtherColumnsFailBeforeAnythingIsSent() {
        Context ctx = context();
        QueryCounter counter = count(ctx);
        // ListingEntity.TAGS.eq("sale") in MySQL means "exactly {sale}": the typed Redis form refuses it
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, eq(ListingEntity.TAGS, "sale"), null))
                .isInstanceOf(FluxaException.class).hasMessageContaining("Listing.tags (column Tags)")
                .hasMessageContaining("@SetOf").hasMessageContaining("contains(column, member)");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, in(ListingEntity.TAGS, "sale", "eco"), null))
                .hasMessageContaining("@SetOf");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, contains(ListingEntity.BRAND, ListingTags.SALE), null))
                .hasMessageContaining("Listing.brand").hasMessageContaining("need a @SetOf column");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, eq(ListingEntity.NOTE, "x"), null))
                .hasMessageContaining("Note").hasMessageContaining("not @Searchable");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, gte(ListingEntity.STATUS, ListingStatus.LIVE), null))
                .hasMessageContaining("range needs an ordered column");
        assertThatThrownBy(() -> LISTINGS.redisSearchIds(ctx, RedisSearchWhere.all().sortBy(ListingEntity.BRAND, true),
                null)).hasMessageContaining("not @Sortable");
        assertThatThrownBy(() -> eq(ListingEntity.RANK, null)).isInstanceOf(FluxaException.class)
                .hasMessageContaining("isNull(Rank)");
        assertThatThrownBy(() -> between(ListingEntity.PRICE, null, BigDecimal.ONE))
                .hasMessageContaining("\"Price\" is null");
        assertThat(counter.redis()).isZero();
        assertThat(counter.mysql()).isZero();
    }

    /** The point of the typed forms: a value of another type than the column's is a compile error. */
    @Test
    void aValueOfTheWrongTypeDoesNotCompile() throws IOException {
        assertThat(compile("eq(ListingEntity.RANK, 5L).and(between(ListingEntity.PRICE, BigDecimal.ONE, BigDecimal.TEN))"
                + ".and(eq(ListingEntity.STATUS, ListingStatus.LIVE)).sortBy(ListingEntity.LISTED_ON, true)")).isEmpty();
        assertThat(compile("eq(ListingEntity.RANK, \"ten\")")).anyMatch(e -> e.contains("incompatible"));
        assertThat(compile("between(ListingEntity.PRICE, 10, 50)")).anyMatch(e -> e.contains("incompatible"));
        assertThat(compile("eq(ListingEntity.STATUS, \"live\")")).anyMatch(e -> e.contains("incompatible"));
        assertThat(compile("in(ListingEntity.LISTED_ON, Instant.EPOCH)")).anyMatch(e -> e.contains("incompatible"));
    }

    private void same(RedisSearchWhere redis, Where sql) {
        SearchResult<Long> expected = LISTINGS.searchIdsWithCount(context(), sql.orderBy(ListingEntity.ID.asc()), null);
        SearchResult<Long> actual = LISTINGS.redisSearchIdsWithCount(context(), redis, null);
        assertThat(actual.rows()).as("%s", redis).isEqualTo(expected.rows()).isNotEmpty();
        assertThat(actual.total()).isEqualTo(expected.total());
    }

    private Set<Long> idsWhere(String sql) {
        return Set.copyOf(LISTINGS.searchIds(context(), Where.of(sql), null));
    }

    /** The compile errors of one expression using the typed API (empty when it compiles). */
    private static List<String> compile(String expression) throws IOException {
        String source = """
                import io.fluxa.it.model.entities.ListingEntity;
                import io.fluxa.it.model.entities.enums.ListingStatus;
                import io.fluxa.search.RedisSearchWhere;
                import java.math.BigDecimal;
                import java.time.Instant;
                import static io.fluxa.search.RedisSearchWhere.*;
                class Probe {
                    RedisSearchWhere where() {
                        return %s;
                    }
                }
                """.formatted(expression);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Probe.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        Path out = Files.createTempDirectory("probe");
        try {
            compiler.getTask(null, null, diagnostics, List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
        } finally {
            try (var files = Files.walk(out)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).toList();
    }
}
