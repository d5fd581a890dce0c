package io.fluxa.redis;

/**
 * One consumer group of a stream, from {@code XINFO GROUPS}.
 *
 * @param name the group name
 * @param consumers number of consumers that have read from the group
 * @param pending entries delivered but not acknowledged
 * @param lastDeliveredId id of the last entry delivered to the group
 */
public record StreamGroupInfo(String name, long consumers, long pending, String lastDeliveredId) {
}
