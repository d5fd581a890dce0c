package io.fluxa.spring.autoconfigure.diagnostics;

import io.fluxa.PoolUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A MySQL or Redis server Fluxa could not reach on start-up. */
class FluxaPoolUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<PoolUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PoolUnavailableException cause) {
        String property = FluxaConfigFailureAnalyzer.property(cause.getMessage());
        String settings = property != null ? property : "fluxa.pools." + cause.pool();
        return new FailureAnalysis("Fluxa could not connect to pool '" + cause.pool() + "': " + cause.getMessage(),
                "Make sure the server of pool '" + cause.pool() + "' is running and reachable from this application,"
                        + " and check its connection settings under " + settings + ".",
                cause);
    }
}
