package io.fluxa.spring.autoconfigure;

import io.fluxa.Context;
import io.fluxa.orm.AbstractEntity;
import io.fluxa.orm.Checks;

/** Hand-written in the shape the code-generation plugin emits: entity {@code Note}, column Title. */
public final class NoteEntity extends AbstractEntity {

    NoteEntity(NoteProvider provider, Context context, long id, Object[] row, boolean isNew) {
        super(provider, context, id, row, isNew);
    }

    public String getTitle() {
        return (String) get(1);
    }

    public void setTitle(String value) {
        set(1, Checks.string(this, "title", value, 100, true));
    }
}
