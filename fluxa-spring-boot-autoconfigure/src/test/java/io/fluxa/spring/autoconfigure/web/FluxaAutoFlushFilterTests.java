package io.fluxa.spring.autoconfigure.web;

import com.jayway.jsonpath.JsonPath;
import io.fluxa.Context;
import io.fluxa.Engine;
import io.fluxa.FluxaValidationException;
import io.fluxa.ForeignKeyException;
import io.fluxa.Registry;
import io.fluxa.schema.RedisCacheSettings;
import io.fluxa.spring.autoconfigure.FluxaEntityModels;
import io.fluxa.spring.autoconfigure.NoteProvider;
import io.fluxa.spring.autoconfigure.TestModels;
import io.fluxa.spring.autoconfigure.TestServices;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every branch of the auto-flush filter, driven with servlet mocks but a real {@link Context} of a
 * real {@link Engine} (MariaDB + Redis), so "flushed" means a row in the table and "not flushed"
 * means none.
 */
class FluxaAutoFlushFilterTests {

    private static final String DB = TestServices.database("fluxa_boot_filter");
    private static final int REDIS_DB = TestServices.redisDatabase();

    /** Note is cached in Redis; Ghost's table is never created, so flushing one always fails. */
    private static final FluxaEntityModels MODELS = TestModels.models(
            TestModels.entity("Note", "notes", "default", new RedisCacheSettings("default", 0), null),
            TestModels.entity("Ghost", "ghosts", "default", null, null));
    private static final NoteProvider NOTES = TestModels.provider(MODELS, "Note");
    private static final NoteProvider GHOSTS = TestModels.provider(MODELS, "Ghost");

    private static Engine engine;

    private final FluxaAutoFlushFilter filter = new FluxaAutoFlushFilter(List.of("/internal/**"));
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/notes");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private Context context;

    @BeforeAll
    static void services() {
        TestServices.recreateDatabase(DB);
        TestServices.createNotesTable(DB);
        engine = new Registry()
                .registerMySql("default", TestServices.jdbcUrl(DB), TestServices.MYSQL_USER,
                        TestServices.MYSQL_PASSWORD, null)
                .registerRedis("default", TestServices.redisAddress(REDIS_DB), null)
                .registerModel(MODELS.models().get(0))
                .validate();
    }

    @AfterAll
    static void close() {
        engine.close();
        TestServices.dropDatabase(DB);
    }

    @BeforeEach
    void clean() {
        TestServices.sql("DELETE FROM `" + DB + "`.`notes`");
        TestServices.flushRedis(REDIS_DB);
        context = engine.newContext();
    }

    /** A handler that uses the request Context like the request-scoped bean does, then writes its answer. */
    private FilterChain handler(NoteProvider provider, String title, String body) {
        return (req, res) -> {
            req.setAttribute(FluxaAutoFlushFilter.CONTEXT_ATTRIBUTE, context);
            provider.newEntity(context).setTitle(title);
            HttpServletResponse http = (HttpServletResponse) res;
            http.setStatus(201);
            http.setHeader("X-Handler", "yes");
            http.setContentType("application/json");
            http.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
    }

    private FilterChain note(String title, String body) {
        return handler(NOTES, title, body);
    }

    private static long rows() {
        return TestServices.count(DB, "notes");
    }

    private static void existingNote(String title) {
        TestServices.sql("INSERT INTO `" + DB + "`.`notes` (`ID`, `Title`) VALUES (1000, '" + title + "')");
    }

    @Test
    void successfulHandlerIsFlushedAndItsResponseSent() throws Exception {
        filter.doFilter(request, response, note("first", "{\"ok\":1}"));

        assertThat(rows()).isEqualTo(1);
        assertThat(context.pendingChanges()).isZero();
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getContentAsString()).isEqualTo("{\"ok\":1}");
        assertThat(response.getHeader("X-Handler")).isEqualTo("yes");
    }

    @Test
    void requestWithoutContextIsPassedThrough() throws Exception {
        filter.doFilter(request, response, (req, res) -> res.getWriter().write("plain"));

        assertThat(response.getContentAsString()).isEqualTo("plain");
        assertThat(rows()).isZero();
    }

    @Test
    void bodyIsHeldUntilTheFlushSucceeded() throws Exception {
        FilterChain chain = (req, res) -> {
            note("held", "x").doFilter(req, res);
            res.flushBuffer();
            assertThat(response.isCommitted()).as("committed before the flush").isFalse();
            assertThat(response.getContentAsByteArray()).isEmpty();
            assertThat(rows()).isZero();
        };
        filter.doFilter(request, response, chain);

        assertThat(response.getContentAsString()).isEqualTo("x");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void handlerExceptionFlushesNothing() {
        FilterChain chain = (req, res) -> {
            note("lost", "partial").doFilter(req, res);
            throw new IllegalStateException("handler failed");
        };

        assertThatThrownBy(() -> filter.doFilter(request, response, chain)).hasMessage("handler failed");
        assertThat(rows()).isZero();
        assertThat(context.pendingChanges()).as("changes dropped").isZero();
        assertThat(response.getContentAsByteArray()).as("partial body never reaches the client").isEmpty();
    }

    @Test
    void exceptionResolvedByMvcFlushesNothing() throws Exception {
        FilterChain chain = (req, res) -> {
            note("lost", "{\"error\":true}").doFilter(req, res);
            req.setAttribute("org.springframework.web.servlet.DispatcherServlet.EXCEPTION", new RuntimeException());
            ((HttpServletResponse) res).setStatus(400);
        };
        filter.doFilter(request, response, chain);

        assertThat(rows()).isZero();
        assertThat(context.pendingChanges()).isZero();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).isEqualTo("{\"error\":true}");
    }

    @Test
    void sendErrorFlushesNothing() throws Exception {
        FilterChain chain = (req, res) -> {
            note("lost", "").doFilter(req, res);
            ((HttpServletResponse) res).sendError(404);
        };
        filter.doFilter(request, response, chain);

        assertThat(rows()).isZero();
        assertThat(response.getStatus()).isEqualTo(404);
    }

    @Test
    void duplicateKeyOnFlushReplacesTheWrittenResponseWith409() throws Exception {
        existingNote("taken");
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'a');
        FilterChain chain = (req, res) -> {
            note("taken", "{\"id\":7}").doFilter(req, res);
            res.getOutputStream().write(big);
            res.flushBuffer();
        };

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("X-Handler")).as("handler headers dropped").isNull();
        String body = response.getContentAsString();
        assertThat(body).doesNotContain("\"id\":7").doesNotContain("aaaa");
        assertThat((Integer) JsonPath.read(body, "$.status")).isEqualTo(409);
        assertThat((String) JsonPath.read(body, "$.index")).isEqualTo("Title");
        assertThat((String) JsonPath.read(body, "$.table")).isEqualTo("notes");
        assertThat((String) JsonPath.read(body, "$.title")).isEqualTo("Duplicate key");
        assertThat((String) JsonPath.read(body, "$.instance")).isEqualTo("/api/notes");
        assertThat((String) JsonPath.read(body, "$.detail")).contains("taken");
        assertThat(rows()).isEqualTo(1);
        assertThat(context.pendingChanges()).as("entities stay dirty after a failed flush").isEqualTo(1);
    }

    /** A handler Spring MVC marked as streaming that flushes its first part itself, without going async. */
    @Test
    void aStreamingResponseIsFlushedWhenTheHandlerFlushesItAndThenWrittenThrough() throws Exception {
        long[] rowsWhenStreamed = new long[1];
        String[] sentWhenStreamed = new String[1];
        FilterChain chain = (req, res) -> {
            org.springframework.web.filter.ShallowEtagHeaderFilter.disableContentCaching(req);
            note("streamed", "part 1;").doFilter(req, res);
            res.flushBuffer();
            rowsWhenStreamed[0] = rows();
            sentWhenStreamed[0] = response.getContentAsString();
            res.getOutputStream().write("part 2".getBytes(StandardCharsets.UTF_8));
        };

        filter.doFilter(request, response, chain);

        assertThat(rowsWhenStreamed[0]).as("flushed before the first part left").isEqualTo(1);
        assertThat(sentWhenStreamed[0]).isEqualTo("part 1;");
        assertThat(response.isCommitted()).isTrue();
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getContentAsString()).isEqualTo("part 1;part 2");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aStreamingResponseWhoseFlushFailsNeverStartsAndIsAProblem() throws Exception {
        existingNote("taken");
        FilterChain chain = (req, res) -> {
            org.springframework.web.filter.ShallowEtagHeaderFilter.disableContentCaching(req);
            note("taken", "part 1;").doFilter(req, res);
            res.flushBuffer(); // throws the flush failure: what MVC would pass on
            res.getOutputStream().write("never".getBytes(StandardCharsets.UTF_8));
        };

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).doesNotContain("part 1").doesNotContain("never");
        assertThat((String) JsonPath.read(response.getContentAsString(), "$.index")).isEqualTo("Title");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void anyOtherFlushFailureIs500() throws Exception {
        filter.doFilter(request, response, handler(GHOSTS, "boo", "{\"ok\":1}"));

        assertThat(response.getStatus()).isEqualTo(500);
        String body = response.getContentAsString();
        assertThat((Integer) JsonPath.read(body, "$.status")).isEqualTo(500);
        assertThat((String) JsonPath.read(body, "$.type")).isEqualTo(FluxaProblems.FLUSH_FAILED_TYPE);
        assertThat(body).as("no SQL, table or exception in a 500").doesNotContain("ghosts")
                .doesNotContain("Exception").doesNotContain("\"ok\"");
        assertThat((String) JsonPath.read(body, "$.errorId")).isNotBlank();
    }

    @Test
    void redirectIsHeldUntilTheFlushSucceeded() throws Exception {
        FilterChain chain = (req, res) -> {
            note("moved", "").doFilter(req, res);
            ((HttpServletResponse) res).sendRedirect("/api/notes/1");
            assertThat(response.isCommitted()).isFalse();
        };
        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getHeader("Location")).isEqualTo("/api/notes/1");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void redirectIsReplacedWhenTheFlushFails() throws Exception {
        existingNote("taken");
        FilterChain chain = (req, res) -> {
            note("taken", "").doFilter(req, res);
            ((HttpServletResponse) res).sendRedirect("/api/notes/1");
        };
        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getHeader("Location")).isNull();
    }

    @Test
    void excludedPathsAreNeverFlushed() throws Exception {
        MockHttpServletRequest internal = new MockHttpServletRequest("POST", "/internal/jobs");
        filter.doFilter(internal, response, note("skipped", "done"));

        assertThat(rows()).isZero();
        assertThat(context.pendingChanges()).as("left to the application").isEqualTo(1);
        assertThat(response.getContentAsString()).isEqualTo("done");
    }

    @Test
    void failureAfterCommitIsNotReportedAsSuccess() {
        existingNote("taken");
        FilterChain chain = (req, res) -> {
            note("taken", "").doFilter(req, res);
            response.setCommitted(true);
        };

        assertThatThrownBy(() -> filter.doFilter(request, response, chain))
                .isInstanceOf(ServletException.class).hasMessageContaining("after the response was committed")
                .cause().isInstanceOf(io.fluxa.DuplicateKeyException.class);
    }

    /** Flush-time failures a Note cannot produce here: the status and members they map to. */
    @Test
    void validationAndForeignKeyFailuresMapTo400And409() {
        ProblemDetail invalid = FluxaProblems.forFailure(
                new FluxaValidationException("Order", "customer", "required reference is not set"), "/orders");
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getType()).hasToString(FluxaProblems.VALIDATION_TYPE);
        assertThat(invalid.getProperties()).containsEntry("entity", "Order").containsEntry("field", "customer");
        ProblemDetail fk = FluxaProblems.forFailure(
                new ForeignKeyException("orders", "fk_customer", "referenced row missing", null), "/orders");
        assertThat(fk.getStatus()).isEqualTo(409);
        assertThat(fk.getType()).hasToString(FluxaProblems.FOREIGN_KEY_TYPE);
        assertThat(fk.getProperties()).containsEntry("table", "orders").containsEntry("constraint", "fk_customer");
        assertThat(FluxaProblems.errorId(fk)).isNull();
    }

    @Test
    void aFluxaExceptionUnderATranslatedOneKeepsItsStatus() {
        ProblemDetail dup = FluxaProblems.forFailure(new org.springframework.dao.DuplicateKeyException("dup",
                new io.fluxa.DuplicateKeyException("notes", "Title", "duplicate value 'x'", null)), "/n");
        assertThat(dup.getStatus()).isEqualTo(409);
        assertThat(dup.getProperties()).containsEntry("index", "Title");
    }

    @Test
    void serverErrorsSayNothingAboutTheFailureButCarryAnErrorId() {
        ProblemDetail first = FluxaProblems.forFailure(new IllegalStateException("SELECT secret FROM t"), "/n");
        ProblemDetail second = FluxaProblems.forFailure(new IllegalStateException("SELECT secret FROM t"), "/n");
        assertThat(first.getStatus()).isEqualTo(500);
        assertThat(first.getDetail()).doesNotContain("secret").doesNotContain("IllegalStateException");
        assertThat(FluxaProblems.errorId(first)).isNotBlank().isNotEqualTo(FluxaProblems.errorId(second));
    }
}
