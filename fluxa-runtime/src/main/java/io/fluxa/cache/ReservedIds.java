package io.fluxa.cache;

import io.fluxa.FluxaException;

import java.util.Arrays;

/**
 * Ids reserved for one flush and one table, handed out in order by {@link #next()}: one range when the
 * engine reserves ids per flush, up to a few when some came from the engine's id block
 * ({@link IdBlocks}) and the rest from a fresh reservation. Not thread-safe: one flush uses it.
 */
public final class ReservedIds {

    /** first and last id of each range, in order */
    private long[] bounds = new long[4];
    private int ranges;
    private int range;
    private long next;

    ReservedIds() {
    }

    static ReservedIds of(long first, long count) {
        ReservedIds ids = new ReservedIds();
        ids.add(first, first + count - 1);
        return ids;
    }

    /** Appends the ids {@code first}..{@code last}; an empty range ({@code last < first}) adds nothing. */
    void add(long first, long last) {
        if (last < first) {
            return;
        }
        if (2 * ranges + 2 > bounds.length) {
            bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        if (ranges == 0) {
            next = first;
        }
        bounds[2 * ranges] = first;
        bounds[2 * ranges + 1] = last;
        ranges++;
    }

    int rangeCount() {
        return ranges;
    }

    long first(int i) {
        return bounds[2 * i];
    }

    long last(int i) {
        return bounds[2 * i + 1];
    }

    /** The next unused id. */
    public long next() {
        while (range < ranges && next > bounds[2 * range + 1]) {
            range++;
            if (range < ranges) {
                next = bounds[2 * range];
            }
        }
        if (range == ranges) {
            throw new FluxaException("internal error: more ids taken than reserved");
        }
        return next++;
    }
}
