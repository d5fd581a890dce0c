package io.fluxa.spring.autoconfigure.diagnostics;

import io.fluxa.schema.Alter;
import io.fluxa.spring.autoconfigure.schema.FluxaSchemaMismatchException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** {@code fluxa.schema.mode=validate} found differences: the "Action:" lists the statements to run. */
class FluxaSchemaFailureAnalyzer extends AbstractFailureAnalyzer<FluxaSchemaMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FluxaSchemaMismatchException cause) {
        StringBuilder action = new StringBuilder("Run these statements on the database (or set fluxa.schema.mode=update"
                + " to apply the safe ones on start-up):\n");
        for (Alter alter : cause.pending()) {
            action.append("\n    -- pool ").append(alter.pool()).append(alter.safe() ? "" : ", unsafe: can lose data")
                    .append("\n    ").append(alter.sql()).append(alter.sql().endsWith(";") ? "" : ";");
        }
        return new FailureAnalysis("The database does not match the Fluxa entities (fluxa.schema.mode=validate): "
                + cause.pending().size() + " alter(s) pending.", action.toString(), cause);
    }
}
