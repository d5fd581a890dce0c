package io.fluxa.stream;

import java.util.List;
import java.util.Map;

/**
 * Events collected to be published together: {@link #publish()} sends every {@code XADD} before
 * waiting for any reply, so the whole batch costs one round-trip per Redis pool. Bodies are encoded
 * when added, so a value the broker cannot write fails at {@link #add}. Not thread-safe.
 */
public interface EventBatch {

    EventBatch add(String stream, Object body);

    EventBatch add(String stream, Object body, Map<String, String> headers);

    int size();

    /**
     * Publishes the batch and empties it; returns the new entry ids in the order the events were added.
     * When Redis fails some events may have been published and others not (streams are not
     * transactional); the exception says how many were.
     */
    List<String> publish();
}
