package io.fluxa.spring.autoconfigure;

import io.fluxa.Context;
import io.fluxa.Engine;

import java.util.List;

/**
 * Creates contexts configured from {@code fluxa.context-cache.*} and the
 * {@link FluxaContextCustomizer} beans. The web integration uses it for the request-scoped
 * Context; jobs and consumers may use it too (or call {@link Engine#newContext()} directly).
 */
public class FluxaContextFactory {

    private final Engine engine;
    private final FluxaProperties.ContextCache contextCache;
    private final List<FluxaContextCustomizer> customizers;

    public FluxaContextFactory(Engine engine, FluxaProperties.ContextCache contextCache,
            List<FluxaContextCustomizer> customizers) {
        this.engine = engine;
        this.contextCache = contextCache;
        this.customizers = List.copyOf(customizers);
    }

    /** A new, configured unit of work. Not thread-safe; use it on one thread and drop it. */
    public Context newContext() {
        Context context = engine.newContext();
        if (!contextCache.enabled()) {
            context.disableContextCache();
        } else if (contextCache.ttl() != null) {
            context.setContextCacheTtl(contextCache.ttl());
        }
        for (FluxaContextCustomizer customizer : customizers) {
            customizer.customize(context);
        }
        return context;
    }

    public Engine engine() {
        return engine;
    }
}
