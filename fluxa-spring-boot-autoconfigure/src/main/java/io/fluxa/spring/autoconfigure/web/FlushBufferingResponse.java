package io.fluxa.spring.autoconfigure.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Holds the whole response body (and keeps the response uncommitted) until the request's Context
 * was flushed, so a failed flush can still replace a response the handler already wrote.
 * Redirects are deferred too; {@code sendError} is not (it ends the request with an error, so
 * nothing gets flushed anyway), and {@link #errorSent()} reports it.
 *
 * <p><b>Streaming.</b> A request that Spring MVC marks as streaming (it disables content caching
 * for {@code SseEmitter}, {@code ResponseBodyEmitter}, streamed reactive types and
 * {@code StreamingResponseBody}) is buffered only until the stream starts: when the request goes
 * async, or the handler flushes the response, whichever comes first. At that moment
 * {@link #startStreaming()} runs the filter's flush; if it succeeds, what was buffered is passed
 * on and every later write goes straight to the client; if it fails, the failure is thrown to the
 * caller (so the stream never starts) and the response stays buffered for the filter to replace.
 */
final class FlushBufferingResponse extends ContentCachingResponseWrapper {

    /** The request attribute {@link ShallowEtagHeaderFilter#disableContentCaching} sets. */
    static final String STREAMING_ATTRIBUTE = ShallowEtagHeaderFilter.class.getName() + ".STREAMING";

    private enum Mode { BUFFERING, STREAMING, FAILED }

    private final HttpServletRequest request;
    private final Runnable beforeStreaming;
    private final ServletOutputStream output = new SwitchingOutputStream();
    private volatile Mode mode = Mode.BUFFERING;
    private @Nullable RuntimeException streamingFailure;
    private boolean errorSent;

    /**
     * @param beforeStreaming run once when a streaming response starts (the Context's flush); an
     *     exception it throws stops the stream from starting
     */
    FlushBufferingResponse(HttpServletRequest request, HttpServletResponse response, Runnable beforeStreaming) {
        super(response);
        this.request = request;
        this.beforeStreaming = beforeStreaming;
    }

    boolean errorSent() {
        return errorSent;
    }

    /** Whether the body goes to the client as it is written (the stream started). */
    boolean streaming() {
        return mode == Mode.STREAMING;
    }

    /** The flush failure that stopped a stream from starting, or null. */
    @Nullable RuntimeException streamingFailure() {
        return streamingFailure;
    }

    static boolean isStreamingRequest(HttpServletRequest request) {
        return request.getAttribute(STREAMING_ATTRIBUTE) != null;
    }

    /**
     * Starts streaming if the request is a streaming one and the stream did not start yet: runs
     * the flush, passes on what was buffered and switches to writing through. Once only; a request
     * that is not streaming stays buffered.
     */
    void startStreamingIfRequested() throws IOException {
        if (mode == Mode.BUFFERING && isStreamingRequest(request)) {
            startStreaming();
        }
    }

    private synchronized void startStreaming() throws IOException {
        if (mode != Mode.BUFFERING) {
            return;
        }
        try {
            beforeStreaming.run();
        } catch (RuntimeException e) {
            streamingFailure = e;
            mode = Mode.FAILED;
            throw e;
        }
        copyBodyToResponse(false);
        mode = Mode.STREAMING;
    }

    /** Sends what is still buffered: the whole body, or (streaming) what an early writer left. */
    void finish() throws IOException {
        copyBodyToResponse(mode != Mode.STREAMING);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return output;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        return mode == Mode.STREAMING ? getResponse().getWriter() : super.getWriter();
    }

    /** Buffering: a no-op, unless it starts a stream; streaming: commits as usual. */
    @Override
    public void flushBuffer() throws IOException {
        startStreamingIfRequested();
        if (mode == Mode.STREAMING) {
            getResponse().flushBuffer();
        }
    }

    @Override
    public void setContentLength(int len) {
        if (mode == Mode.STREAMING) {
            getResponse().setContentLength(len);
        } else {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (mode == Mode.STREAMING) {
            getResponse().setContentLengthLong(len);
        } else {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public void sendError(int sc) throws IOException {
        errorSent = true;
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        errorSent = true;
        super.sendError(sc, msg);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        sendRedirect(location, SC_FOUND, true);
    }

    @Override
    public void sendRedirect(String location, int sc) throws IOException {
        sendRedirect(location, sc, true);
    }

    @Override
    public void sendRedirect(String location, boolean clearBuffer) throws IOException {
        sendRedirect(location, SC_FOUND, clearBuffer);
    }

    /** Records the redirect without committing; it reaches the client with the buffered body. */
    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) {
        if (clearBuffer) {
            resetBuffer();
        }
        setStatus(sc);
        setHeader("Location", location);
    }

    /**
     * The one output stream handed out (Spring MVC keeps the first one it gets): into the buffer
     * while buffering, to the client once streaming.
     */
    private final class SwitchingOutputStream extends ServletOutputStream {

        private ServletOutputStream target() throws IOException {
            return mode == Mode.STREAMING ? getResponse().getOutputStream() : FlushBufferingResponse.super.getOutputStream();
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            startStreamingIfRequested();
            if (mode == Mode.STREAMING) {
                getResponse().getOutputStream().flush();
            }
        }

        @Override
        public boolean isReady() {
            try {
                return target().isReady();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                target().setWriteListener(listener);
            } catch (IOException e) {
                throw new IllegalStateException("no output stream for the write listener", e);
            }
        }
    }
}
