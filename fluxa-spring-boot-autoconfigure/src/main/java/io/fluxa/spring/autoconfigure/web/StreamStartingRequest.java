package io.fluxa.spring.autoconfigure.web;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts a streaming response's stream when the request goes async: Spring MVC marks the request
 * as streaming and then starts async processing before a {@code StreamingResponseBody} or an
 * emitter writes its first byte, so the Context is flushed while a failure can still become the
 * response.
 */
final class StreamStartingRequest extends HttpServletRequestWrapper {

    private final FlushBufferingResponse response;

    StreamStartingRequest(HttpServletRequest request, FlushBufferingResponse response) {
        super(request);
        this.response = response;
    }

    @Override
    public AsyncContext startAsync() {
        startStream();
        return super.startAsync();
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        startStream();
        return super.startAsync(request, response);
    }

    private void startStream() {
        try {
            response.startStreamingIfRequested();
        } catch (IOException e) {
            throw new UncheckedIOException("could not send the start of the streamed response", e);
        }
    }
}
