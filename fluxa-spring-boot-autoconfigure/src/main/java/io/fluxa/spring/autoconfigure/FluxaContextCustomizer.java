package io.fluxa.spring.autoconfigure;

import io.fluxa.Context;

/**
 * Adjusts every {@link Context} that {@link FluxaContextFactory} creates (including the
 * request-scoped one), e.g. to register a query logger or set metadata. Beans of this type run in
 * {@link org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface FluxaContextCustomizer {

    void customize(Context context);
}
