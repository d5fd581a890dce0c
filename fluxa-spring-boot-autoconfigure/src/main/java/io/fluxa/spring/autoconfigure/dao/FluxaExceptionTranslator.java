package io.fluxa.spring.autoconfigure.dao;

import org.jspecify.annotations.Nullable;
import io.fluxa.DuplicateKeyException;
import io.fluxa.EntityNotFoundException;
import io.fluxa.FluxaConfigException;
import io.fluxa.FluxaException;
import io.fluxa.FluxaValidationException;
import io.fluxa.ForeignKeyException;
import io.fluxa.PoolUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Turns Fluxa's exceptions into Spring's {@link DataAccessException} hierarchy, so
 * {@code @Repository} beans, {@code @Transactional} services and Spring's error handling see the
 * same exceptions as with JDBC or JPA. The Fluxa exception stays the cause, with its table, index
 * or field. Configuration errors are not data access errors and are left alone.
 *
 * <table>
 * <caption>mapping</caption>
 * <tr><th>Fluxa</th><th>Spring</th></tr>
 * <tr><td>{@link DuplicateKeyException}</td><td>{@link org.springframework.dao.DuplicateKeyException}</td></tr>
 * <tr><td>{@link ForeignKeyException}, {@link FluxaValidationException}</td>
 * <td>{@link DataIntegrityViolationException}</td></tr>
 * <tr><td>{@link EntityNotFoundException}</td><td>{@link EmptyResultDataAccessException}</td></tr>
 * <tr><td>{@link PoolUnavailableException}</td><td>{@link DataAccessResourceFailureException}</td></tr>
 * <tr><td>any other {@link FluxaException}</td><td>{@link UncategorizedFluxaException}</td></tr>
 * </table>
 */
public class FluxaExceptionTranslator implements PersistenceExceptionTranslator {

    @Override
    public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        if (ex instanceof DuplicateKeyException) {
            return new org.springframework.dao.DuplicateKeyException(ex.getMessage(), ex);
        }
        if (ex instanceof ForeignKeyException || ex instanceof FluxaValidationException) {
            return new DataIntegrityViolationException(ex.getMessage(), ex);
        }
        if (ex instanceof EntityNotFoundException) {
            return new EmptyResultDataAccessException(ex.getMessage(), 1, ex);
        }
        if (ex instanceof PoolUnavailableException) {
            return new DataAccessResourceFailureException(ex.getMessage(), ex);
        }
        if (ex instanceof FluxaConfigException) {
            return null;
        }
        if (ex instanceof FluxaException) {
            return new UncategorizedFluxaException(ex.getMessage(), ex);
        }
        return null;
    }

    /** A Fluxa failure with no closer Spring category (a Redis command error, for example). */
    public static class UncategorizedFluxaException extends UncategorizedDataAccessException {

        public UncategorizedFluxaException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
