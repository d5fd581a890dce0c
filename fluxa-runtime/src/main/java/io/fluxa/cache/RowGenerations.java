package io.fluxa.cache;

import io.fluxa.row.EntityType;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-row generation counters of this process, striped: every flush bumps the stripe of each row it
 * wrote once the Redis cache of that row is invalidated (inside the compute that drops the row's local
 * copy, see {@link LocalRows#fill}), and a read that missed notes the stripe before it reads Redis or
 * MySQL. A fill of the local cache that finds the stripe moved stores nothing, so a row loaded before
 * a flush is never visible in the local cache once that flush's invalidation returned; loads of the
 * same row share one MySQL query only when they noted the same generation. Two rows that share a
 * stripe only cost each other a skipped fill or a separate query, never a wrong answer.
 */
public final class RowGenerations {

    private static final int STRIPES = 1 << 12;
    private static final AtomicLongArray GENERATIONS = new AtomicLongArray(STRIPES);

    private RowGenerations() {
    }

    /** The generation of the row's stripe: note it before reading the row from Redis or MySQL. */
    public static long current(EntityType type, long id) {
        return current(type.table(), id);
    }

    static long current(String table, long id) {
        return GENERATIONS.get(stripe(table, id));
    }

    /**
     * Moves the row's stripe on: fills that noted an older generation store nothing. Rows are named by
     * table, as invalidations from other nodes name them (engines in one process that share a table
     * name only cost each other a skipped fill).
     */
    static void bump(String table, long id) {
        GENERATIONS.incrementAndGet(stripe(table, id));
    }

    /** Moves every stripe on: the cross-node channel was lost, or another node asked to drop every row. */
    static void bumpAll() {
        for (int i = 0; i < STRIPES; i++) {
            GENERATIONS.incrementAndGet(i);
        }
    }

    private static int stripe(String table, long id) {
        long h = (id ^ (id >>> 32)) * 0x9E3779B97F4A7C15L + table.hashCode();
        return (int) (h ^ (h >>> 29)) & (STRIPES - 1);
    }
}
