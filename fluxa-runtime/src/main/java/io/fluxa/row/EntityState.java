package io.fluxa.row;

import io.fluxa.Context;
import io.fluxa.FluxaException;

import java.util.Arrays;
import java.util.Objects;

/**
 * The state behind one generated entity object: its row as an array of canonical column values (see
 * {@link RowCodec}), the row MySQL last held, and the pending action. The entity object is a typed
 * view over it; the context tracks this state, the flush writes it.
 *
 * <p>The loaded row array is shared with the caches and never modified: the first change copies it
 * (copy on write), so reading costs no copy. Not thread-safe, like the {@link Context} it belongs to.
 */
public final class EntityState implements Flushable {

    private final EntityType type;
    private final Context context;
    private final Object entity;
    private long id;
    /** The row as MySQL holds it; null while the entity was never flushed. */
    private Object[] loaded;
    private Object[] values;
    private boolean copied;
    private boolean deleteRow;
    /** Set for a new entity whose id the application chose, until the flush raised the id counter. */
    private boolean chosenId;
    /** For a row the async flush consumer applies: the token of its entry's write-through ("" none). */
    private String asyncApplyToken;
    /** True while {@link #context} tracks this state (see {@link #startTracking}). */
    private boolean tracked;

    /** @param entity the generated entity object this state belongs to */
    public EntityState(EntityType type, Context context, Object entity, long id, Object[] row, boolean isNew) {
        this.type = type;
        this.context = context;
        this.entity = entity;
        this.id = id;
        if (isNew) {
            this.values = row;
            this.copied = true;
        } else {
            this.loaded = row;
            this.values = row;
        }
    }

    public EntityType type() {
        return type;
    }

    public Context context() {
        return context;
    }

    /** The generated entity object. */
    public Object entity() {
        return entity;
    }

    public long id() {
        return id;
    }

    public boolean hasId() {
        return id != 0;
    }

    public void assignId(long newId) {
        id = newId;
        ensureCopied();
        values[0] = newId;
    }

    public boolean chosenId() {
        return chosenId;
    }

    public void setChosenId(boolean chosen) {
        this.chosenId = chosen;
    }

    /**
     * Null for an ordinary flush; for a row rebuilt by the async flush consumer, the token with which
     * its entry's immediate cache update wrote the row through, or "" when it wrote nothing. The cache
     * step then leaves a row another, later entry wrote through (see {@code RowCacheWrites}).
     */
    public String asyncApplyToken() {
        return asyncApplyToken;
    }

    public void setAsyncApplyToken(String token) {
        this.asyncApplyToken = token;
    }

    /** The current values (do not modify). */
    public Object[] values() {
        return values;
    }

    /** The values MySQL holds, or null for a new entity (do not modify). */
    public Object[] loaded() {
        return loaded;
    }

    public Object get(int column) {
        return values[column];
    }

    /** True until the entity was inserted by a flush. */
    public boolean isNew() {
        return loaded == null;
    }

    /** True when the next flush deletes the row. */
    public boolean deleteRow() {
        return deleteRow;
    }

    /** True when a flush would write something for this entity. */
    public boolean isDirty() {
        if (loaded == null || deleteRow) {
            return true;
        }
        for (int i = 1; i < values.length; i++) {
            if (!same(values[i], loaded[i])) {
                return true;
            }
        }
        return false;
    }

    /** Sets a column to a validated canonical value; a change starts tracking the entity. */
    public void set(int column, Object value) {
        if (tracked && copied) {
            // the context tracks this state and the row is its own copy: storing an equal value changes
            // nothing anyone sees, so there is nothing to compare (a new entity's setters come here)
            values[column] = value;
            return;
        }
        if (same(values[column], value)) {
            return;
        }
        ensureCopied();
        values[column] = value;
        context.track(this);
    }

    /**
     * For the context this state belongs to: notes that it tracks this state, so it needs no hash set
     * to track each state once. False when it did already.
     */
    public boolean startTracking() {
        if (tracked) {
            return false;
        }
        tracked = true;
        return true;
    }

    /** For the context this state belongs to: it forgot this state (flushed, or changes dropped). */
    public void stopTracking() {
        tracked = false;
    }

    /** Removes the row at the next flush. */
    public void markDeleted() {
        deleteRow = true;
        context.track(this);
    }

    /** Changes a column while flushing (ids, timestamps) without tracking again. */
    public void setDuringFlush(int column, Object value) {
        ensureCopied();
        values[column] = value;
    }

    private void ensureCopied() {
        if (!copied) {
            values = values.clone();
            copied = true;
        }
    }

    /** Marks the entity as equal to what MySQL now holds; called after a successful commit. */
    public void flushed(boolean deleted) {
        deleteRow = false;
        if (!deleted) {
            loaded = values;
            copied = false;
        }
    }

    /** Column positions whose value differs from the loaded row (never the ID). */
    public int[] changedColumns() {
        if (loaded == null) {
            throw new FluxaException("internal: changedColumns on a new entity");
        }
        int[] changed = new int[values.length];
        int n = 0;
        for (int i = 1; i < values.length; i++) {
            if (!same(values[i], loaded[i])) {
                changed[n++] = i;
            }
        }
        return Arrays.copyOf(changed, n);
    }

    /** Value equality of canonical column values (arrays by content). */
    public static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }
}
