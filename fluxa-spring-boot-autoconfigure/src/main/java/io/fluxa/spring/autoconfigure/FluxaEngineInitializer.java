package io.fluxa.spring.autoconfigure;

import io.fluxa.Engine;

/**
 * Runs once the engine is validated and before the {@link Engine} bean is handed to anyone, so
 * nothing sees an engine whose start-up work (schema sync, for instance) has not happened yet.
 * If an initializer throws, the engine is closed and start-up fails. Beans of this type run in
 * {@link org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface FluxaEngineInitializer {

    void initialize(Engine engine);
}
