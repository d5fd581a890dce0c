package io.fluxa.log;

/** Receives every query a context runs, for the sources it was registered for. */
@FunctionalInterface
public interface QueryLogHandler {

    void handle(QueryEvent event);
}
