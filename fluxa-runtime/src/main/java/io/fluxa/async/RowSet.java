package io.fluxa.async;

import java.util.Arrays;

/**
 * The rows (entity name, id) the entries of a segment touch, in an open-addressing table of two
 * arrays: no object per row. Not thread-safe.
 */
final class RowSet {

    private String[] entities;
    private long[] ids;
    private int size;

    /** @param expected about how many rows it will hold */
    RowSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 4 - 1);
        entities = new String[capacity];
        ids = new long[capacity];
    }

    /** Adds the row; returns false when it was there already. */
    boolean add(String entity, long id) {
        if ((size + 1) * 2 > entities.length) {
            grow();
        }
        int mask = entities.length - 1;
        for (int i = slot(entity, id) & mask; ; i = (i + 1) & mask) {
            String e = entities[i];
            if (e == null) {
                entities[i] = entity;
                ids[i] = id;
                size++;
                return true;
            }
            if (ids[i] == id && e.equals(entity)) {
                return false;
            }
        }
    }

    boolean contains(String entity, long id) {
        int mask = entities.length - 1;
        for (int i = slot(entity, id) & mask; ; i = (i + 1) & mask) {
            String e = entities[i];
            if (e == null) {
                return false;
            }
            if (ids[i] == id && e.equals(entity)) {
                return true;
            }
        }
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(entities, null);
            size = 0;
        }
    }

    private void grow() {
        String[] oldEntities = entities;
        long[] oldIds = ids;
        entities = new String[oldEntities.length * 2];
        ids = new long[oldIds.length * 2];
        size = 0;
        for (int i = 0; i < oldEntities.length; i++) {
            if (oldEntities[i] != null) {
                add(oldEntities[i], oldIds[i]);
            }
        }
    }

    private static int slot(String entity, long id) {
        long h = (id ^ entity.hashCode()) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
