package io.fluxa.it;

import io.fluxa.Context;
import io.fluxa.it.model.entities.NoteEntity;
import io.fluxa.it.model.entities.NoteProvider;
import io.fluxa.it.support.OrmTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a context tracks: each changed entity once, until a flush or {@code clearFlush()}; a setter that
 * stores the value the entity already has starts no tracking; after a flush the next change tracks
 * the entity again.
 */
class TrackingTest extends OrmTestBase {

    private static final NoteProvider NOTES = NoteProvider.INSTANCE;

    @Test
    void aNewEntityIsTrackedOnceAndAnEqualValueAfterClearFlushDoesNotTrackItAgain() {
        Context ctx = context();
        NoteEntity note = NOTES.newEntity(ctx);
        assertThat(ctx.pendingChanges()).isEqualTo(1); // a new entity is tracked from the start
        note.setText("a");
        note.setText("a");
        note.setText("b");
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        ctx.clearFlush();
        assertThat(ctx.pendingChanges()).isZero();

        note.setText("b");
        assertThat(ctx.pendingChanges()).isZero();
        note.setText("c");
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        note.setText("c");
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        ctx.flush();
        assertThat(NOTES.mustGetById(freshContext(), note.getId()).getText()).isEqualTo("c");
    }

    @Test
    void afterAFlushTheNextChangeTracksTheEntityAgain() {
        Context ctx = context();
        NoteEntity note = NOTES.newEntity(ctx);
        note.setText("first");
        ctx.flush();
        assertThat(ctx.pendingChanges()).isZero();

        note.setText("changed");
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        note.setText("first"); // back to what MySQL holds: tracked, but nothing to write
        assertThat(note.isDirty()).isFalse();
        note.setText("second");
        ctx.flush();
        assertThat(ctx.pendingChanges()).isZero();
        assertThat(NOTES.mustGetById(freshContext(), note.getId()).getText()).isEqualTo("second");

        note.setText("third");
        assertThat(ctx.pendingChanges()).isEqualTo(1);
        ctx.flush();
        assertThat(NOTES.mustGetById(freshContext(), note.getId()).getText()).isEqualTo("third");
    }
}
