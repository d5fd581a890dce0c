package io.fluxa.it.model;

import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.Required;

/** No cache at all: every read goes to MySQL; ids still come from the default Redis pool. */
@FluxaEntity(table = "notes")
class Note {
    long id;
    @Required @Length(100) String text;
}
