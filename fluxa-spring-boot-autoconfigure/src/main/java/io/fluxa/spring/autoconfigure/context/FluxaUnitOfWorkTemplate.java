package io.fluxa.spring.autoconfigure.context;

import io.fluxa.Context;
import io.fluxa.spring.autoconfigure.FluxaContextFactory;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The programmatic form of {@link FluxaUnitOfWork @FluxaUnitOfWork}: runs a piece of work in a
 * unit of work on the calling thread. The Context is passed to the work and is also what the
 * injected {@code Context} resolves to meanwhile. It is flushed when the work returns and dropped
 * when it throws; if a unit of work is already open on the thread, the work joins it. Use it where
 * no annotation can be placed, for example in a {@code CompletableFuture} stage:
 *
 * <pre>{@code
 * CompletableFuture.supplyAsync(() -> unitOfWork.call(context -> importBatch(context, rows)), executor);
 * }</pre>
 */
public final class FluxaUnitOfWorkTemplate {

    private final FluxaContextFactory contexts;
    private final FluxaContextScope scope;

    FluxaUnitOfWorkTemplate(FluxaContextFactory contexts, FluxaContextScope scope) {
        this.contexts = contexts;
        this.scope = scope;
    }

    /** Runs {@code work} in a unit of work and returns its result once the Context was flushed. */
    public <T> T call(Function<Context, T> work) {
        try {
            return execute(work::apply);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // unreachable: a Function throws no checked exception
        }
    }

    /** Runs {@code work} in a unit of work and returns once the Context was flushed. */
    public void run(Consumer<Context> work) {
        call(context -> {
            work.accept(context);
            return null;
        });
    }

    /** Whether a unit of work is open on the calling thread. */
    public boolean isActive() {
        return scope.unitOfWork() != null;
    }

    /** Shared by {@link #call} and the {@code @FluxaUnitOfWork} interceptor (whose method may throw anything). */
    <T> T execute(Work<T> work) throws Throwable {
        Context joined = scope.unitOfWork();
        if (joined != null) {
            return work.run(joined);
        }
        Context context = contexts.newContext();
        Context previous = scope.bind(context);
        try {
            T result = work.run(context);
            context.flush();
            return result;
        } catch (Throwable e) {
            context.clearFlush();
            throw e;
        } finally {
            scope.restore(previous);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Context context) throws Throwable;
    }
}
