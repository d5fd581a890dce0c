package io.fluxa.stream;

import java.util.List;

/**
 * A snapshot of one stream.
 *
 * @param stream the stream name
 * @param pool the Redis pool it lives on
 * @param length entries in the stream
 * @param deadLetters entries in its dead-letter stream
 * @param groups one entry per consumer group
 */
public record StreamStats(String stream, String pool, long length, long deadLetters, List<Group> groups) {

    public StreamStats {
        groups = List.copyOf(groups);
    }

    /**
     * One consumer group.
     *
     * @param lag entries added to the stream that the group has not read yet (-1 when Redis cannot
     *     tell, after entries were deleted in the middle of the stream)
     * @param pending entries delivered to a consumer but not acknowledged
     * @param oldestPendingAgeMillis age of the oldest pending entry (now minus the time in its id); 0
     *     when nothing is pending
     * @param lastDeliveredId id of the last entry delivered to the group
     */
    public record Group(String name, long lag, long pending, long oldestPendingAgeMillis, String lastDeliveredId,
            List<Consumer> consumers) {

        public Group {
            consumers = List.copyOf(consumers);
        }
    }

    /**
     * One consumer of a group.
     *
     * @param pending entries it holds unacknowledged
     * @param idleMillis time since it last read or claimed
     */
    public record Consumer(String name, long pending, long idleMillis) {
    }
}
