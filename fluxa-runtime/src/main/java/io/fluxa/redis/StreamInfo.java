package io.fluxa.redis;

/**
 * What {@code XINFO STREAM} says about a stream.
 *
 * @param length number of entries
 * @param groups number of consumer groups
 * @param lastGeneratedId the id of the last entry ever added (also after it was deleted)
 * @param firstEntryId id of the oldest entry, or null when the stream is empty
 * @param lastEntryId id of the newest entry, or null when the stream is empty
 */
public record StreamInfo(long length, long groups, String lastGeneratedId, String firstEntryId,
        String lastEntryId) {
}
