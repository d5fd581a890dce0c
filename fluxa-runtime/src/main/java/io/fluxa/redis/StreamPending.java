package io.fluxa.redis;

import java.util.Map;

/**
 * The summary of {@code XPENDING stream group}: entries delivered to the group's consumers but not
 * acknowledged yet.
 *
 * @param count number of pending entries
 * @param lowestId smallest pending id, or null when nothing is pending
 * @param highestId greatest pending id, or null when nothing is pending
 * @param consumers pending entries per consumer name
 */
public record StreamPending(long count, String lowestId, String highestId, Map<String, Long> consumers) {

    public StreamPending {
        consumers = Map.copyOf(consumers);
    }
}
