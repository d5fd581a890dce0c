package io.fluxa.spring.autoconfigure.schema;

import io.fluxa.FluxaConfigException;
import io.fluxa.schema.Alter;

import java.util.List;
import java.util.stream.Collectors;

/** {@code fluxa.schema.mode=validate} found alters pending: the database does not match the entities. */
public class FluxaSchemaMismatchException extends FluxaConfigException {

    private final List<Alter> pending;

    public FluxaSchemaMismatchException(List<Alter> pending) {
        super("fluxa.schema.mode=validate: the database does not match the entities, " + pending.size()
                + " alter(s) pending:\n" + describe(pending)
                + "\nApply them (or set fluxa.schema.mode=update to let start-up apply the safe ones).");
        this.pending = List.copyOf(pending);
    }

    /** The statements that would make the database match, in order. */
    public List<Alter> pending() {
        return pending;
    }

    static String describe(List<Alter> alters) {
        return alters.stream()
                .map(a -> "  [" + a.pool() + (a.safe() ? "] " : ", unsafe] ") + a.sql())
                .collect(Collectors.joining("\n"));
    }
}
