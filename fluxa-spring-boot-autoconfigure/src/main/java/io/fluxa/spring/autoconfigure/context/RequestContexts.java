package io.fluxa.spring.autoconfigure.context;

import org.jspecify.annotations.Nullable;
import io.fluxa.Context;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The request's Context; only loaded when spring-web is on the class path. */
final class RequestContexts {

    private RequestContexts() {
    }

    /** The current request's Context, created on first use; null outside a request. */
    static @Nullable Context current(ObjectFactory<?> factory) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return null;
        }
        Object context = attributes.getAttribute(FluxaContextScope.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (context == null) {
            context = factory.getObject();
            attributes.setAttribute(FluxaContextScope.REQUEST_ATTRIBUTE, context, RequestAttributes.SCOPE_REQUEST);
        }
        return (Context) context;
    }
}
