package io.fluxa.stream;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes events to registered Redis streams and reads them back through consumer groups. One per
 * engine, thread-safe: {@code engine.eventBroker()} or {@code ctx.eventBroker()}.
 *
 * <pre>{@code
 * EventBroker broker = ctx.eventBroker();
 * broker.publish("orders", Map.of("order", 42L, "total", 9.9));
 *
 * try (EventConsumer consumer = broker.consumer("orders", "billing", "worker-1")) {
 *     consumer.poll(event -> bill((Map<?, ?>) event.body()));   // one batch; acknowledged unless it threw
 * }
 * }</pre>
 */
public interface EventBroker {

    /** Appends one event; returns its stream entry id. */
    String publish(String stream, Object body);

    /** Appends one event with string headers; returns its stream entry id. */
    String publish(String stream, Object body, Map<String, String> headers);

    /** A batch that publishes many events, to any registered streams, in one round-trip per pool. */
    EventBatch batch();

    /**
     * A consumer named {@code consumer} in {@code group} with {@link ConsumerOptions#DEFAULTS}. The group
     * is created (at the start of the stream) when it does not exist yet.
     */
    EventConsumer consumer(String stream, String group, String consumer);

    EventConsumer consumer(String stream, String group, String consumer, ConsumerOptions options);

    /** The registered streams (explicit ones and those of {@code @DirtyStream}s), in registration order. */
    Set<String> streams();

    /** The Redis pool code of a registered stream. */
    String pool(String stream);

    /** Length, groups, lag, pending entries, consumers and dead letters of one stream. */
    StreamStats stats(String stream);

    /** {@link #stats(String)} of every registered stream. */
    List<StreamStats> stats();

    /** The name of the dead-letter stream of {@code stream}: {@code <stream>:dead-letter}. */
    static String deadLetterStream(String stream) {
        return stream + ":dead-letter";
    }

    /** Up to {@code limit} dead letters of {@code stream}, oldest first. */
    List<DeadLetter> deadLetters(String stream, int limit);

    /**
     * Publishes the oldest {@code limit} dead letters of {@code stream} again and removes them from the
     * dead-letter stream. A re-driven event is a new entry of the stream, so <b>every</b> group of the
     * stream receives it again; its headers gain {@code fluxa-redriven-from} (the original id).
     * Returns how many were re-driven.
     */
    int redrive(String stream, int limit);

    /** Re-drives one dead letter by its id in the dead-letter stream; false when there is no such entry. */
    boolean redrive(String stream, String deadLetterId);

    /**
     * Trims {@code stream} towards its registered {@link StreamOptions#maxLength()}. Without
     * {@link StreamOptions#trimUnread()} only entries every group has read and acknowledged are
     * removed. Returns how many entries were removed; 0 when the stream has no length limit.
     */
    long trim(String stream);
}
