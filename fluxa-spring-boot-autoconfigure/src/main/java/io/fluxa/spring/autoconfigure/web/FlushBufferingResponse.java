package io.fluxa.spring.autoconfigure.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * Holds the whole response body (and keeps the response uncommitted) until the request's Context
 * was flushed, so a failed flush can still replace a response the handler already wrote.
 * Redirects are deferred too; {@code sendError} is not (it ends the request with an error, so
 * nothing gets flushed anyway), and {@link #errorSent()} reports it.
 */
final class FlushBufferingResponse extends ContentCachingResponseWrapper {

    private boolean errorSent;

    FlushBufferingResponse(HttpServletResponse response) {
        super(response);
    }

    boolean errorSent() {
        return errorSent;
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
}
