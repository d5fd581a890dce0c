package io.fluxa.spring.autoconfigure.context;

import org.jspecify.annotations.Nullable;
import io.fluxa.Context;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.Scope;
import org.springframework.util.ClassUtils;

/**
 * The scope of the injected {@link Context}: each call on the proxy resolves to the Context of the
 * innermost unit of work active on the calling thread, in this order:
 * <ol>
 * <li>a unit of work opened by {@link FluxaUnitOfWork @FluxaUnitOfWork} or
 * {@link FluxaUnitOfWorkTemplate};</li>
 * <li>the current HTTP request (created on first use, kept as a request attribute, flushed by the
 * auto-flush filter);</li>
 * <li>the current Spring transaction (created on first use, flushed before it commits).</li>
 * </ol>
 * Whichever it is, when it is used inside a Spring transaction its pending changes are flushed just
 * before that transaction commits and dropped if it rolls back. With none of the three, using the
 * Context fails with a {@link NoUnitOfWorkException} saying how to open a unit of work.
 *
 * <p>Registers itself with the bean factory, so it is declared as a static bean.
 */
final class FluxaContextScope implements Scope, BeanFactoryPostProcessor {

    /** Name of this scope in the bean factory. */
    static final String NAME = "fluxaContext";

    /** Request attribute holding the request's Context: the auto-flush filter's {@code CONTEXT_ATTRIBUTE}. */
    static final String REQUEST_ATTRIBUTE = "io.fluxa.spring.autoconfigure.web.FluxaAutoFlushFilter.CONTEXT";

    private static final boolean WEB_PRESENT = ClassUtils.isPresent(
            "org.springframework.web.context.request.RequestContextHolder", FluxaContextScope.class.getClassLoader());
    private static final boolean TX_PRESENT = ClassUtils.isPresent(
            "org.springframework.transaction.support.TransactionSynchronizationManager",
            FluxaContextScope.class.getClassLoader());

    private final ThreadLocal<Context> unitOfWork = new ThreadLocal<>();

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        beanFactory.registerScope(NAME, this);
    }

    @Override
    public Object get(String name, ObjectFactory<?> objectFactory) {
        Context context = unitOfWork.get();
        if (context == null && WEB_PRESENT) {
            context = RequestContexts.current(objectFactory);
        }
        if (TX_PRESENT) {
            if (context != null) {
                TransactionContexts.synchronize(context);
            } else {
                context = TransactionContexts.current(this, objectFactory);
            }
        }
        if (context == null) {
            // Not an IllegalStateException: the bean factory would hide this message behind its generic one.
            throw new NoUnitOfWorkException("No Fluxa unit of work is active on thread '"
                    + Thread.currentThread().getName() + "': the injected Context works inside an HTTP request,"
                    + " a Spring transaction, or a method annotated with @FluxaUnitOfWork (or run through"
                    + " FluxaUnitOfWorkTemplate). Annotate the @Scheduled/@Async/listener method with"
                    + " @FluxaUnitOfWork, or create a Context with FluxaContextFactory.newContext().");
        }
        return context;
    }

    /** The unit of work's Context on this thread, or null. */
    @Nullable Context unitOfWork() {
        return unitOfWork.get();
    }

    /** Makes {@code context} the thread's unit of work; returns the one it replaces (may be null). */
    @Nullable Context bind(Context context) {
        Context previous = unitOfWork.get();
        unitOfWork.set(context);
        return previous;
    }

    void restore(@Nullable Context previous) {
        if (previous == null) {
            unitOfWork.remove();
        } else {
            unitOfWork.set(previous);
        }
    }

    @Override
    public @Nullable Object remove(String name) {
        return null;
    }

    @Override
    public void registerDestructionCallback(String name, Runnable callback) {
        // A Context holds no resources of its own (connections are borrowed per query); nothing to destroy.
    }

    @Override
    public @Nullable Object resolveContextualObject(String key) {
        return null;
    }

    @Override
    public @Nullable String getConversationId() {
        return null;
    }
}
