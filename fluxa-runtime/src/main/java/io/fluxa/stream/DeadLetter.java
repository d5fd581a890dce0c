package io.fluxa.stream;

/**
 * An event moved to a stream's dead-letter stream.
 *
 * @param id its id in the dead-letter stream
 * @param event the original event (its {@link Event#id()} is the id it had in the source stream)
 * @param group the consumer group that gave up on it
 * @param consumer the consumer that moved it
 * @param deliveries how many times the group handed it to a consumer before giving up
 * @param error the last error a handler threw for it ({@code ExceptionClass: message}), or a note
 *     when no handler recorded one (e.g. every consumer that held it crashed)
 * @param deadLetteredAtMillis when it was moved, epoch milliseconds
 */
public record DeadLetter(String id, Event event, String group, String consumer, long deliveries, String error,
        long deadLetteredAtMillis) {
}
