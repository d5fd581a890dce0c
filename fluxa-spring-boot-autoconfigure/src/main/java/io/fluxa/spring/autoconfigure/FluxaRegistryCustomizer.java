package io.fluxa.spring.autoconfigure;

import io.fluxa.Registry;

/**
 * Callback to adjust the {@link Registry} after {@code fluxa.*} was applied and before it is
 * validated into the engine, e.g. to register a pool kind the properties do not cover. Beans of
 * this type run in {@link org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface FluxaRegistryCustomizer {

    void customize(Registry registry);
}
