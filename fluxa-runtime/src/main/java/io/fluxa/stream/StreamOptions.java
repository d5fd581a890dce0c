package io.fluxa.stream;

import java.util.List;

/**
 * How a registered stream is set up.
 *
 * @param groups consumer groups created by {@link io.fluxa.Registry#validate()} (with the stream,
 *     when missing); each group starts at the beginning of the stream
 * @param maxLength approximate length {@link EventBroker#trim(String)} keeps the stream at; 0 for no
 *     limit
 * @param trimUnread when true, trimming may drop entries some group has not read or acknowledged yet
 *     (bounded memory, possible loss); when false (the default) such entries are kept, so the stream
 *     can grow past {@code maxLength} while a group lags behind
 */
public record StreamOptions(List<String> groups, long maxLength, boolean trimUnread) {

    /** No groups, no length limit. */
    public static final StreamOptions DEFAULTS = new StreamOptions(List.of(), 0, false);

    public StreamOptions {
        groups = groups == null ? List.of() : List.copyOf(groups);
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength is " + maxLength + "; expected 0 (no limit) or more");
        }
    }

    /** Options with these consumer groups and no length limit. */
    public static StreamOptions groups(String... groups) {
        return new StreamOptions(List.of(groups), 0, false);
    }

    public StreamOptions withGroups(String... more) {
        List<String> all = new java.util.ArrayList<>(groups);
        for (String g : more) {
            if (!all.contains(g)) {
                all.add(g);
            }
        }
        return new StreamOptions(all, maxLength, trimUnread);
    }

    public StreamOptions withMaxLength(long length) {
        return new StreamOptions(groups, length, trimUnread);
    }

    public StreamOptions withTrimUnread(boolean trim) {
        return new StreamOptions(groups, maxLength, trim);
    }
}
