package io.fluxa.spring.autoconfigure.observation;

import io.fluxa.FlushObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.function.Consumer;

/**
 * One Micrometer {@link Observation} named {@value #NAME} per flush, so traces show it and Boot's
 * observation meters time it. Low-cardinality keys: {@code fluxa.pools} (the MySQL pools written,
 * comma-separated), {@code fluxa.flush.mode} ({@code sync}, {@code async}) and {@code outcome}
 * ({@code success}, {@code error}); the exception of a failed flush is the observation's error. High
 * cardinality: {@code fluxa.flush.entities}. The observation's scope is open while the flush runs.
 */
public final class FluxaFlushObserver implements FlushObserver {

    /** The observation's name. */
    public static final String NAME = "fluxa.flush";

    private final ObservationRegistry registry;

    public FluxaFlushObserver(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Consumer<Throwable> started(Flush flush) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(flush.async() ? "fluxa flushAsync" : "fluxa flush")
                .lowCardinalityKeyValue("fluxa.pools", String.join(",", flush.mysqlPools()))
                .lowCardinalityKeyValue("fluxa.flush.mode", flush.async() ? "async" : "sync")
                .highCardinalityKeyValue("fluxa.flush.entities", Integer.toString(flush.entities()))
                .start();
        Observation.Scope scope = observation.openScope();
        return error -> {
            scope.close();
            observation.lowCardinalityKeyValue("outcome", error == null ? "success" : "error");
            if (error != null) {
                observation.error(error);
            }
            observation.stop();
        };
    }
}
