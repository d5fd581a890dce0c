package io.fluxa.orm;

import io.fluxa.Context;
import io.fluxa.cache.IdsAhead;
import io.fluxa.cache.IdCounters;
import io.fluxa.engine.EngineImpl;
import io.fluxa.row.EntityState;

/**
 * Base class of every generated entity: a typed view over its {@link EntityState} (the row as
 * canonical column values, the values MySQL holds, the pending action). Generated subclasses add
 * typed, validating accessors on top of {@link #get(int)}/{@link #set(int, Object)}. Not
 * thread-safe, like the {@link Context} it belongs to.
 */
public abstract class AbstractEntity {

    private final EntityProvider<?> provider;
    final EntityState state;

    protected AbstractEntity(EntityProvider<?> provider, Context context, long id, Object[] row, boolean isNew) {
        this.provider = provider;
        this.state = new EntityState(provider.type(), context, this, id, row, isNew);
    }

    /** The id; a new entity gets one from the table's id counter on first call (or at flush). */
    public long getId() {
        if (!state.hasId()) {
            IdsAhead ahead = state.context().engine() instanceof EngineImpl impl ? impl.idsAhead() : null;
            state.assignId(IdCounters.reserveOne(state.context(), state.type(), ahead));
        }
        return state.id();
    }

    /** True until the entity was inserted by a flush. */
    public boolean isNew() {
        return state.isNew();
    }

    /** True when a flush would write something for this entity. */
    public boolean isDirty() {
        return state.isDirty();
    }

    /**
     * Deletes the entity at the next flush. With soft delete ({@code fakeDelete} field) the row is kept
     * and marked deleted; use the generated {@code forceDelete()} to remove it.
     */
    public void delete() {
        int fakeDelete = state.type().fakeDeleteIndex();
        if (fakeDelete >= 0 && !state.isNew()) {
            state.set(fakeDelete, Boolean.TRUE);
        } else {
            state.markDeleted();
        }
    }

    /** Removes the row at the next flush even when the entity has soft delete. */
    protected void forceDeleteRow() {
        state.markDeleted();
    }

    /** The context this entity was created or loaded in. */
    protected final Context context() {
        return state.context();
    }

    /** The provider of this entity's type. */
    public EntityProvider<?> provider() {
        return provider;
    }

    /** The canonical value of column {@code index} (order of the schema's columns, ID is 0). */
    protected final Object get(int index) {
        return state.get(index);
    }

    /**
     * Sets column {@code index} to an already validated canonical value. A value equal to the current
     * one changes nothing; a different one starts tracking the entity in its context.
     */
    protected final void set(int index, Object value) {
        state.set(index, value);
    }

    /** A defensive copy of a binary value, so callers cannot change cached bytes. */
    protected static byte[] copy(byte[] value) {
        return value == null ? null : value.clone();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(provider.entityName()).append('{');
        var columns = provider.schema().columns();
        Object[] values = state.values();
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
