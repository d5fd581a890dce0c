package io.fluxa.spring.autoconfigure.web;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import java.util.List;
import java.util.function.Supplier;

/**
 * The message converters Spring MVC writes responses with, so the auto-flush filter's problems are
 * serialized like the application's own. Only loaded when spring-webmvc is on the class path.
 */
final class MvcConverters {

    private MvcConverters() {
    }

    /** Looked up on use: the MVC adapter is created after the filter. */
    static Supplier<List<HttpMessageConverter<?>>> of(ListableBeanFactory beans) {
        return () -> {
            RequestMappingHandlerAdapter adapter = beans.getBeanProvider(RequestMappingHandlerAdapter.class)
                    .getIfUnique();
            return adapter != null ? adapter.getMessageConverters() : FluxaAutoFlushFilter.defaultConverters();
        };
    }
}
