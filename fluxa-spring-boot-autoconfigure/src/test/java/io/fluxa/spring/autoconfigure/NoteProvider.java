package io.fluxa.spring.autoconfigure;

import io.fluxa.Context;
import io.fluxa.FluxaException;
import io.fluxa.orm.EntityProvider;
import io.fluxa.schema.EntitySchema;

/**
 * Hand-written in the shape the code-generation plugin emits. Unlike a generated provider it takes
 * its schema as an argument, so tests can vary the table and the cache settings.
 */
public final class NoteProvider extends EntityProvider<NoteEntity> {

    public NoteProvider(EntitySchema schema) {
        super(schema);
    }

    @Override
    protected NoteEntity newInstance(Context context, long id, Object[] row, boolean isNew) {
        return new NoteEntity(this, context, id, row, isNew);
    }

    @Override
    protected EntityProvider<?> referencedProvider(int column) {
        throw new FluxaException("Note has no reference in column " + column);
    }
}
