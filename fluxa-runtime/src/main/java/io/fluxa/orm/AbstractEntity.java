package io.fluxa.orm;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.flush.Flushable;

import java.util.Arrays;
import java.util.Objects;

/**
 * Base class of every generated entity. Holds the row as an array of canonical column values (see
 * {@link RowCodec}), the values last read from or written to MySQL, and the pending action.
 * Generated subclasses add typed, validating accessors on top of {@link #get(int)}/{@link #set(int, Object)}.
 *
 * <p>The loaded row array is shared with the caches and never modified: the first change copies it
 * (copy on write), so reading costs no copy. Not thread-safe, like the {@link Context} it belongs to.
 */
public abstract class AbstractEntity implements Flushable {

    static final byte ACTION_NONE = 0;
    static final byte ACTION_DELETE = 1;

    private final EntityProvider<?> provider;
    private final Context context;
    long id;
    /** The row as MySQL holds it; null while the entity was never flushed. */
    Object[] loaded;
    Object[] values;
    private boolean copied;
    byte action;

    protected AbstractEntity(EntityProvider<?> provider, Context context, long id, Object[] row, boolean isNew) {
        this.provider = provider;
        this.context = context;
        this.id = id;
        if (isNew) {
            this.values = row;
            this.copied = true;
        } else {
            this.loaded = row;
            this.values = row;
        }
    }

    /** The id; a new entity gets one from the table's id counter on first call (or at flush). */
    public long getId() {
        if (id == 0) {
            assignId(provider.ids().reserve(context, provider, 1));
        }
        return id;
    }

    void assignId(long newId) {
        id = newId;
        ensureCopied();
        values[0] = newId;
    }

    boolean hasId() {
        return id != 0;
    }

    /** Set for a new entity whose id the application chose ({@code newEntity(ctx, id)}). */
    boolean chosenId;

    /** True until the entity was inserted by a flush. */
    public boolean isNew() {
        return loaded == null;
    }

    /** True when a flush would write something for this entity. */
    public boolean isDirty() {
        if (loaded == null || action != ACTION_NONE) {
            return true;
        }
        for (int i = 1; i < values.length; i++) {
            if (!same(values[i], loaded[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes the entity at the next flush. With soft delete ({@code fakeDelete} field) the row is kept
     * and marked deleted; use the generated {@code forceDelete()} to remove it.
     */
    public void delete() {
        int fakeDelete = provider.fakeDeleteIndex;
        if (fakeDelete >= 0 && loaded != null) {
            set(fakeDelete, Boolean.TRUE);
        } else {
            action = ACTION_DELETE;
            context.track(this);
        }
    }

    /** Removes the row at the next flush even when the entity has soft delete. */
    protected void forceDeleteRow() {
        action = ACTION_DELETE;
        context.track(this);
    }

    /** The context this entity was created or loaded in. */
    protected final Context context() {
        return context;
    }

    /** The provider of this entity's type. */
    public EntityProvider<?> provider() {
        return provider;
    }

    /** The canonical value of column {@code index} (order of the schema's columns, ID is 0). */
    protected final Object get(int index) {
        return values[index];
    }

    /**
     * Sets column {@code index} to an already validated canonical value. A value equal to the current
     * one changes nothing; a different one starts tracking the entity in its context.
     */
    protected final void set(int index, Object value) {
        if (same(values[index], value)) {
            return;
        }
        ensureCopied();
        values[index] = value;
        context.track(this);
    }

    /** Changes a column while flushing (ids, timestamps) without tracking again. */
    void setDuringFlush(int index, Object value) {
        ensureCopied();
        values[index] = value;
    }

    /** A defensive copy of a binary value, so callers cannot change cached bytes. */
    protected static byte[] copy(byte[] value) {
        return value == null ? null : value.clone();
    }

    private void ensureCopied() {
        if (!copied) {
            values = values.clone();
            copied = true;
        }
    }

    /** Marks the entity as equal to what MySQL now holds; called after a successful commit. */
    void flushed(boolean deleted) {
        action = ACTION_NONE;
        if (!deleted) {
            loaded = values;
            copied = false;
        }
    }

    /** Column indexes whose value differs from the loaded row (never the ID). */
    int[] changedColumns() {
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

    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(provider.entityName()).append('{');
        var columns = provider.schema().columns();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            Object v = values[i];
            b.append(columns.get(i).name()).append('=').append(v instanceof byte[] bytes ? bytes.length + " bytes" : v);
        }
        return b.append('}').toString();
    }
}
