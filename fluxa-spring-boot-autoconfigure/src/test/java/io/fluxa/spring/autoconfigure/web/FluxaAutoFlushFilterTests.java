package io.fluxa.spring.autoconfigure.web;

import com.jayway.jsonpath.JsonPath;
import io.fluxa.DuplicateKeyException;
import io.fluxa.FluxaException;
import io.fluxa.FluxaValidationException;
import io.fluxa.flush.Flushable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FluxaAutoFlushFilterTests {

    private final FluxaAutoFlushFilter filter = new FluxaAutoFlushFilter(List.of("/internal/**"));
    private final StubContext context = new StubContext();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/customers");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    /** A handler that uses the request Context: one pending change, then writes its answer. */
    private FilterChain handler(String body) {
        return (req, res) -> {
            req.setAttribute(FluxaAutoFlushFilter.CONTEXT_ATTRIBUTE, context);
            context.track(new Flushable() { });
            HttpServletResponse http = (HttpServletResponse) res;
            http.setStatus(201);
            http.setHeader("X-Handler", "yes");
            http.setContentType("application/json");
            http.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
    }

    @Test
    void successfulHandlerIsFlushedAndItsResponseSent() throws Exception {
        filter.doFilter(request, response, handler("{\"id\":1}"));

        assertThat(context.flushes).isEqualTo(1);
        assertThat(context.pendingChanges()).isZero();
        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getContentAsString()).isEqualTo("{\"id\":1}");
        assertThat(response.getHeader("X-Handler")).isEqualTo("yes");
    }

    @Test
    void requestWithoutContextIsPassedThrough() throws Exception {
        filter.doFilter(request, response, (req, res) -> res.getWriter().write("plain"));

        assertThat(response.getContentAsString()).isEqualTo("plain");
        assertThat(context.flushes).isZero();
    }

    @Test
    void bodyIsHeldUntilTheFlushSucceeded() throws Exception {
        FilterChain chain = (req, res) -> {
            handler("x").doFilter(req, res);
            res.flushBuffer();
            assertThat(response.isCommitted()).as("committed before the flush").isFalse();
            assertThat(response.getContentAsByteArray()).isEmpty();
        };
        filter.doFilter(request, response, chain);

        assertThat(response.getContentAsString()).isEqualTo("x");
        assertThat(context.flushes).isEqualTo(1);
    }

    @Test
    void handlerExceptionFlushesNothing() {
        FilterChain chain = (req, res) -> {
            handler("partial").doFilter(req, res);
            throw new IllegalStateException("handler failed");
        };

        assertThatThrownBy(() -> filter.doFilter(request, response, chain)).hasMessage("handler failed");
        assertThat(context.flushes).isZero();
        assertThat(context.clears).isEqualTo(1);
        assertThat(response.getContentAsByteArray()).as("partial body never reaches the client").isEmpty();
    }

    @Test
    void exceptionResolvedByMvcFlushesNothing() throws Exception {
        FilterChain chain = (req, res) -> {
            handler("{\"error\":true}").doFilter(req, res);
            req.setAttribute("org.springframework.web.servlet.DispatcherServlet.EXCEPTION", new RuntimeException());
            ((HttpServletResponse) res).setStatus(400);
        };
        filter.doFilter(request, response, chain);

        assertThat(context.flushes).isZero();
        assertThat(context.clears).isEqualTo(1);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).isEqualTo("{\"error\":true}");
    }

    @Test
    void sendErrorFlushesNothing() throws Exception {
        FilterChain chain = (req, res) -> {
            handler("").doFilter(req, res);
            ((HttpServletResponse) res).sendError(404);
        };
        filter.doFilter(request, response, chain);

        assertThat(context.flushes).isZero();
        assertThat(response.getStatus()).isEqualTo(404);
    }

    @Test
    void duplicateKeyOnFlushReplacesTheWrittenResponseWith409() throws Exception {
        context.flushFailure = new DuplicateKeyException("customers", "Email",
                "Duplicate entry 'a@b.c' for unique index Email of customers", null);
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'a');
        FilterChain chain = (req, res) -> {
            handler("{\"id\":7}").doFilter(req, res);
            res.getOutputStream().write(big);
        };

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("X-Handler")).as("handler headers dropped").isNull();
        String body = response.getContentAsString();
        assertThat(body).doesNotContain("\"id\":7").doesNotContain("aaaa");
        assertThat((Integer) JsonPath.read(body, "$.status")).isEqualTo(409);
        assertThat((String) JsonPath.read(body, "$.index")).isEqualTo("Email");
        assertThat((String) JsonPath.read(body, "$.table")).isEqualTo("customers");
        assertThat((String) JsonPath.read(body, "$.title")).isEqualTo("Duplicate key");
        assertThat((String) JsonPath.read(body, "$.instance")).isEqualTo("/api/customers");
        assertThat((String) JsonPath.read(body, "$.detail")).contains("a@b.c");
        assertThat(context.pendingChanges()).as("entities stay dirty after a failed flush").isEqualTo(1);
    }

    @Test
    void invalidValueOnFlushIs400NamingTheField() throws Exception {
        context.flushFailure = new FluxaValidationException("Customer", "name", "required, got null");

        filter.doFilter(request, response, handler("{}"));

        assertThat(response.getStatus()).isEqualTo(400);
        String body = response.getContentAsString();
        assertThat((String) JsonPath.read(body, "$.field")).isEqualTo("name");
        assertThat((String) JsonPath.read(body, "$.entity")).isEqualTo("Customer");
    }

    @Test
    void anyOtherFlushFailureIs500() throws Exception {
        context.flushFailure = new FluxaException("MySQL pool 'default' is unavailable: \"connection refused\"");

        filter.doFilter(request, response, handler("{\"id\":1}"));

        assertThat(response.getStatus()).isEqualTo(500);
        String body = response.getContentAsString();
        assertThat((Integer) JsonPath.read(body, "$.status")).isEqualTo(500);
        assertThat((String) JsonPath.read(body, "$.detail")).contains("connection refused");
    }

    @Test
    void redirectIsHeldUntilTheFlushSucceeded() throws Exception {
        FilterChain chain = (req, res) -> {
            handler("").doFilter(req, res);
            ((HttpServletResponse) res).sendRedirect("/api/customers/1");
            assertThat(response.isCommitted()).isFalse();
        };
        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getHeader("Location")).isEqualTo("/api/customers/1");
        assertThat(context.flushes).isEqualTo(1);
    }

    @Test
    void redirectIsReplacedWhenTheFlushFails() throws Exception {
        context.flushFailure = new DuplicateKeyException("customers", "Email", "duplicate", null);
        FilterChain chain = (req, res) -> {
            handler("").doFilter(req, res);
            ((HttpServletResponse) res).sendRedirect("/api/customers/1");
        };
        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getHeader("Location")).isNull();
    }

    @Test
    void excludedPathsAreNeverFlushed() throws Exception {
        MockHttpServletRequest internal = new MockHttpServletRequest("POST", "/internal/jobs");
        filter.doFilter(internal, response, handler("done"));

        assertThat(context.flushes).isZero();
        assertThat(response.getContentAsString()).isEqualTo("done");
    }

    @Test
    void failureAfterCommitIsNotReportedAsSuccess() {
        context.flushFailure = new FluxaException("boom");
        FilterChain chain = (req, res) -> {
            handler("").doFilter(req, res);
            response.setCommitted(true);
        };

        assertThatThrownBy(() -> filter.doFilter(request, response, chain))
                .isInstanceOf(ServletException.class).hasRootCauseMessage("boom");
    }

    @Test
    void problemJsonEscapesStrings() throws IOException {
        String json = FluxaProblems.toJson(new java.util.LinkedHashMap<>(java.util.Map.of("detail", "a\"b\\c\nd\u0001")));
        assertThat((String) JsonPath.read(json, "$.detail")).isEqualTo("a\"b\\c\nd\u0001");
    }
}
