package io.fluxa.spring.autoconfigure.context;

import org.jspecify.annotations.Nullable;
import io.fluxa.Context;
import io.fluxa.spring.autoconfigure.dao.FluxaExceptionTranslator;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ties contexts to Spring transactions: a Context used inside a transaction is flushed just before
 * the transaction commits (a failed flush rolls the transaction back and reaches the caller as a
 * {@link DataAccessException}) and loses its pending changes when the transaction rolls back.
 * Only loaded when spring-tx is on the class path.
 */
final class TransactionContexts {

    private static final FluxaExceptionTranslator TRANSLATOR = new FluxaExceptionTranslator();

    private TransactionContexts() {
    }

    /** Registers {@code context} with the current transaction, once; does nothing outside one. */
    static void synchronize(Context context) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.hasResource(context)) {
            return;
        }
        FlushAtCommit synchronization = new FlushAtCommit(context, context);
        TransactionSynchronizationManager.bindResource(context, synchronization);
        TransactionSynchronizationManager.registerSynchronization(synchronization);
    }

    /**
     * The Context the current transaction opened (created on first use, keyed by {@code owner}, the
     * scope of one application), or null outside a transaction.
     */
    static @Nullable Context current(Object owner, ObjectFactory<?> factory) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        if (TransactionSynchronizationManager.getResource(owner) instanceof FlushAtCommit bound) {
            return bound.context;
        }
        Context context = (Context) factory.getObject();
        FlushAtCommit synchronization = new FlushAtCommit(owner, context);
        TransactionSynchronizationManager.bindResource(owner, synchronization);
        TransactionSynchronizationManager.registerSynchronization(synchronization);
        return context;
    }

    /** Flushes before commit, drops changes on rollback; unbinds while its transaction is suspended. */
    private static final class FlushAtCommit implements TransactionSynchronization {

        private final Object key;
        private final Context context;

        FlushAtCommit(Object key, Context context) {
            this.key = key;
            this.context = context;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(key);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(key, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (context.pendingChanges() == 0) {
                return;
            }
            try {
                context.flush();
            } catch (RuntimeException e) {
                DataAccessException translated = TRANSLATOR.translateExceptionIfPossible(e);
                throw translated != null ? translated : e;
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
            if (status != STATUS_COMMITTED) {
                context.clearFlush();
            }
        }
    }
}
