package io.fluxa.stream;

/**
 * Handles one event. Returning normally acknowledges it (in one {@code XACK} per batch); throwing
 * leaves it pending, so it is delivered again once claimed after the consumer's claim idle time, and
 * sent to the dead-letter stream after the last allowed delivery.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(Event event) throws Exception;
}
