package io.fluxa.spring.autoconfigure.web;

import io.fluxa.Context;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Flushes the request's {@link Context} when the handler finished without an exception, and
 * makes sure a failed flush never reaches the client as a success.
 *
 * <p>The response body is buffered (the response stays uncommitted) while the handler runs. Then:
 * <ul>
 * <li>handler threw, or an exception handler / {@code sendError} turned an exception into an error
 * response: the Context's changes are dropped, nothing is written to the database;</li>
 * <li>otherwise the Context is flushed; on success the buffered response is sent as written;</li>
 * <li>if the flush fails, the buffered response is thrown away and replaced by an RFC 9457
 * {@link ProblemDetail} written through the message converters: 409 for a duplicate key (naming the
 * index), 400 for an invalid value (naming the field), 409 for a missing referenced row, 500 with
 * a generic detail and an {@code errorId} (also in the log line) otherwise.</li>
 * </ul>
 * Streaming responses ({@code SseEmitter}, {@code StreamingResponseBody} and others Spring MVC marks
 * as streaming) are buffered only until the stream starts; the Context is flushed then, before the
 * first byte leaves, and a failure there is answered the same way (see {@link FlushBufferingResponse}).
 * Requests that never touched the request-scoped Context cost one attribute lookup.
 */
public class FluxaAutoFlushFilter extends OncePerRequestFilter {

    /** Request attribute holding the Context created for the request (set when the injected Context is first used). */
    public static final String CONTEXT_ATTRIBUTE = FluxaAutoFlushFilter.class.getName() + ".CONTEXT";

    /** Where Spring MVC records an exception that an exception handler turned into a response. */
    private static final String MVC_EXCEPTION_ATTRIBUTE = "org.springframework.web.servlet.DispatcherServlet.EXCEPTION";

    private static final Logger log = LoggerFactory.getLogger(FluxaAutoFlushFilter.class);

    private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
            FluxaAutoFlushFilter.class.getClassLoader());

    private final List<PathPattern> excludePatterns;
    private final Supplier<List<HttpMessageConverter<?>>> converters;

    /** Writes problems with a default Jackson converter. */
    public FluxaAutoFlushFilter(List<String> excludePatterns) {
        this(excludePatterns, FluxaAutoFlushFilter::defaultConverters);
    }

    /**
     * @param converters the message converters problems are written with (the auto-configuration
     *     passes Spring MVC's, so the application's JSON settings apply); asked on each failure
     */
    public FluxaAutoFlushFilter(List<String> excludePatterns, Supplier<List<HttpMessageConverter<?>>> converters) {
        this.excludePatterns = excludePatterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.converters = converters;
    }

    static List<HttpMessageConverter<?>> defaultConverters() {
        return JACKSON_PRESENT ? List.of(new JacksonJsonHttpMessageConverter()) : List.of();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (excludePatterns.isEmpty()) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        for (PathPattern pattern : excludePatterns) {
            if (pattern.matches(container)) {
                return true;
            }
        }
        return false;
    }

    /** The request finishes on the async dispatch; flush there. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FlushBufferingResponse buffered = isAsyncDispatch(request)
                ? WebUtils.getNativeResponse(response, FlushBufferingResponse.class) : null;
        HttpServletRequest handled = request;
        if (buffered == null) {
            buffered = new FlushBufferingResponse(request, response, () -> flushBeforeStreaming(request));
            handled = new StreamStartingRequest(request, buffered);
        }
        boolean handlerCompleted = false;
        try {
            chain.doFilter(handled, buffered);
            handlerCompleted = true;
        } catch (ServletException | IOException | RuntimeException e) {
            if (buffered.streamingFailure() == null) {
                throw e;
            }
            // the flush before the stream failed and MVC passed it on: answered below, as any failed flush
        } finally {
            if (!handlerCompleted) {
                discardChanges(request);
            }
        }
        RuntimeException streamingFailure = buffered.streamingFailure();
        if (streamingFailure != null) {
            replaceWithProblem(request, buffered, streamingFailure);
            return;
        }
        if (isAsyncStarted(request)) {
            return;
        }
        if (buffered.errorSent() || handlerFailed(request)) {
            discardChanges(request);
            buffered.finish();
            return;
        }
        try {
            flush(request);
        } catch (RuntimeException e) {
            replaceWithProblem(request, buffered, e);
            return;
        }
        buffered.finish();
    }

    /** Streaming responses: the flush runs when the stream starts, before the first byte leaves. */
    private static void flushBeforeStreaming(HttpServletRequest request) {
        if (handlerFailed(request)) {
            return;
        }
        flush(request);
    }

    private static void flush(HttpServletRequest request) {
        Context context = (Context) request.getAttribute(CONTEXT_ATTRIBUTE);
        if (context != null && context.pendingChanges() > 0) {
            context.flush();
            int repairs = context.cacheRepairsOfLastFlush();
            if (repairs > 0) {
                // committed: the client gets its success; the caches are repaired once Redis is back
                log.warn("Fluxa auto-flush for {} {} committed, but Redis did not take {} cache write(s); "
                        + "they are repaired once Redis is back", request.getMethod(), request.getRequestURI(),
                        repairs);
            }
        }
    }

    private static boolean handlerFailed(HttpServletRequest request) {
        return request.getAttribute(MVC_EXCEPTION_ATTRIBUTE) != null
                || request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null;
    }

    private static void discardChanges(HttpServletRequest request) {
        if (request.getAttribute(CONTEXT_ATTRIBUTE) instanceof Context context) {
            context.clearFlush();
        }
    }

    private void replaceWithProblem(HttpServletRequest request, FlushBufferingResponse buffered,
            RuntimeException failure) throws ServletException, IOException {
        ProblemDetail problem = FluxaProblems.forFailure(failure, request.getRequestURI());
        String where = request.getMethod() + " " + request.getRequestURI();
        String errorId = FluxaProblems.errorId(problem);
        if (errorId != null) {
            log.error("Fluxa auto-flush failed for {}; answering {} with errorId {}", where, problem.getStatus(),
                    errorId, failure);
        } else {
            log.warn("Fluxa auto-flush failed for {}; answering {}: {}", where, problem.getStatus(),
                    failure.getMessage());
        }
        HttpServletResponse raw = (HttpServletResponse) buffered.getResponse();
        if (raw.isCommitted()) {
            // Only possible when something bypassed the buffer; the status line is gone, so fail
            // the exchange instead of letting it end as a success.
            throw new ServletException("Fluxa auto-flush failed after the response was committed for " + where,
                    failure);
        }
        buffered.resetBuffer();
        raw.reset();
        write(problem, raw);
    }

    /** Through the first converter that writes {@code application/problem+json}, as MVC would. */
    @SuppressWarnings("unchecked")
    private void write(ProblemDetail problem, HttpServletResponse raw) throws IOException {
        ServletServerHttpResponse out = new ServletServerHttpResponse(raw);
        out.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        for (HttpMessageConverter<?> converter : converters.get()) {
            if (converter.canWrite(ProblemDetail.class, MediaType.APPLICATION_PROBLEM_JSON)) {
                ((HttpMessageConverter<Object>) converter).write(problem, MediaType.APPLICATION_PROBLEM_JSON, out);
                out.flush();
                return;
            }
        }
        // No JSON converter at all: the status still tells the client the write failed.
        out.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        out.getBody().write(String.valueOf(problem.getDetail()).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
