package io.fluxa.spring.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;
import io.fluxa.FluxaConfigException;
import io.fluxa.spring.autoconfigure.schema.FluxaSchemaMismatchException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bad Fluxa setting: names the property to fix in the "Action:" part. */
class FluxaConfigFailureAnalyzer extends AbstractFailureAnalyzer<FluxaConfigException> {

    private static final Pattern PROPERTY = Pattern.compile("\\b((?:fluxa|spring)\\.[A-Za-z0-9.\\-]*[A-Za-z0-9])");

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, FluxaConfigException cause) {
        if (cause instanceof FluxaSchemaMismatchException) {
            return null; // FluxaSchemaFailureAnalyzer lists the statements
        }
        String property = property(cause.getMessage());
        String action = property == null
                ? "Correct the Fluxa configuration as the description says."
                : "Correct the property '" + property + "' in the application's configuration (application.yml,"
                        + " application.properties or the environment) as the description says.";
        return new FailureAnalysis("Fluxa is not configured correctly: " + cause.getMessage(), action, cause);
    }

    /** The first {@code fluxa.*} or {@code spring.*} property the message names, or null. */
    static @Nullable String property(@Nullable String message) {
        if (message == null) {
            return null;
        }
        Matcher matcher = PROPERTY.matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }
}
