package io.fluxa.embedded.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code fluxa.embedded.enabled} is true, or when it is unset and the {@code dev}
 * profile is active. Never matches on its own otherwise: production does not get embedded servers
 * by accident.
 */
class OnEmbeddedServersCondition extends SpringBootCondition {

    static final String DEV_PROFILE = "dev";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        Boolean enabled = environment.getProperty("fluxa.embedded.enabled", Boolean.class);
        if (enabled != null) {
            return enabled ? ConditionOutcome.match("fluxa.embedded.enabled is true")
                    : ConditionOutcome.noMatch("fluxa.embedded.enabled is false");
        }
        return environment.acceptsProfiles(Profiles.of(DEV_PROFILE))
                ? ConditionOutcome.match("profile '" + DEV_PROFILE + "' is active and fluxa.embedded.enabled is unset")
                : ConditionOutcome.noMatch("fluxa.embedded.enabled is unset and profile '" + DEV_PROFILE
                        + "' is not active");
    }
}
