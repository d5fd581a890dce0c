package io.fluxa.it.model;

import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.LocalCache;
import io.fluxa.annotation.Required;

/**
 * Cached in each application instance's local cache only (no Redis row cache): nothing shared holds
 * its rows but MySQL, and instances drop each other's copies through the cross-instance channel.
 */
@FluxaEntity(table = "memos")
@LocalCache(size = 100)
class Memo {
    long id;
    @Required @Length(100) String text;
}
