package io.fluxa.cache;

/**
 * The context cache's entries of one namespace: an open-addressing hash table from a primitive id to
 * a value and its expiry, so storing and finding a row allocates nothing (only growing does).
 * Linear probing; removal shifts the following entries back, so no tombstones. Not thread-safe.
 */
final class RowTable {

    private static final int INITIAL_CAPACITY = 16;

    /** 0 marks a free slot: ids are positive. */
    private long[] ids = new long[INITIAL_CAPACITY];
    private Object[] values = new Object[INITIAL_CAPACITY];
    private long[] expiries = new long[INITIAL_CAPACITY];
    private int size;

    /** The slot holding {@code id}, or -1. */
    int find(long id) {
        int mask = ids.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            long at = ids[i];
            if (at == id) {
                return i;
            }
            if (at == 0) {
                return -1;
            }
        }
    }

    Object value(int slot) {
        return values[slot];
    }

    long expiry(int slot) {
        return expiries[slot];
    }

    void put(long id, Object value, long expiry) {
        if ((size + 1) * 4 > ids.length * 3) {
            grow();
        }
        int mask = ids.length - 1;
        int i = slot(id, mask);
        while (ids[i] != 0 && ids[i] != id) {
            i = (i + 1) & mask;
        }
        if (ids[i] == 0) {
            ids[i] = id;
            size++;
        }
        values[i] = value;
        expiries[i] = expiry;
    }

    /** Makes room for {@code more} new entries at once, so that many puts in a row never grow the table. */
    void expect(int more) {
        int capacity = ids.length;
        while ((long) (size + more) * 4 > (long) capacity * 3) {
            capacity *= 2;
        }
        if (capacity != ids.length) {
            resize(capacity);
        }
    }

    void remove(long id) {
        int i = find(id);
        if (i < 0) {
            return;
        }
        int mask = ids.length - 1;
        // shift later entries of the same probe run back into the hole
        int hole = i;
        for (int j = (i + 1) & mask; ids[j] != 0; j = (j + 1) & mask) {
            int home = slot(ids[j], mask);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                ids[hole] = ids[j];
                values[hole] = values[j];
                expiries[hole] = expiries[j];
                hole = j;
            }
        }
        ids[hole] = 0;
        values[hole] = null;
        size--;
    }

    private void grow() {
        resize(ids.length * 2);
    }

    private void resize(int capacity) {
        long[] oldIds = ids;
        Object[] oldValues = values;
        long[] oldExpiries = expiries;
        ids = new long[capacity];
        values = new Object[capacity];
        expiries = new long[capacity];
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                put(oldIds[i], oldValues[i], oldExpiries[i]);
            }
        }
    }

    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
