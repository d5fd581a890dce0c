package io.fluxa.spring.autoconfigure.context;

import org.jspecify.annotations.Nullable;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs a {@link FluxaUnitOfWork @FluxaUnitOfWork} method through the {@link FluxaUnitOfWorkTemplate}.
 * The template is looked up on first call: the post-processor holding this interceptor exists
 * before any ordinary bean does.
 */
final class FluxaUnitOfWorkInterceptor implements MethodInterceptor {

    private final ObjectProvider<FluxaUnitOfWorkTemplate> templates;
    private volatile FluxaUnitOfWorkTemplate template;

    FluxaUnitOfWorkInterceptor(ObjectProvider<FluxaUnitOfWorkTemplate> templates) {
        this.templates = templates;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        FluxaUnitOfWorkTemplate t = template;
        if (t == null) {
            t = templates.getObject();
            template = t;
        }
        return t.execute(context -> invocation.proceed());
    }
}
