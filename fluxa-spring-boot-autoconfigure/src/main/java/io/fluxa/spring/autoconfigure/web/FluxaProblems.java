package io.fluxa.spring.autoconfigure.web;

import org.jspecify.annotations.Nullable;
import io.fluxa.DuplicateKeyException;
import io.fluxa.FluxaValidationException;
import io.fluxa.ForeignKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.UUID;

/**
 * RFC 9457 problems for Fluxa failures, shared by the auto-flush filter and the MVC exception
 * handler so clients see one shape whichever caught it. 4xx problems name the user's entity, field,
 * table or index; a 500 says nothing about the failure (SQL, table names and server addresses stay
 * in the log) and carries an {@code errorId} that the log line names too.
 */
public final class FluxaProblems {

    /** {@code type} of a unique-index violation. */
    public static final String DUPLICATE_KEY_TYPE = "urn:fluxa:problem:duplicate-key";
    /** {@code type} of a value a column cannot hold. */
    public static final String VALIDATION_TYPE = "urn:fluxa:problem:invalid-value";
    /** {@code type} of a reference to a row that does not exist. */
    public static final String FOREIGN_KEY_TYPE = "urn:fluxa:problem:foreign-key";
    /** {@code type} of any other failed flush. */
    public static final String FLUSH_FAILED_TYPE = "urn:fluxa:problem:flush-failed";
    /** Property of a 500 problem: the id its log line carries. */
    public static final String ERROR_ID = "errorId";

    private FluxaProblems() {
    }

    /**
     * The problem for {@code failure} (or the Fluxa exception among its causes, e.g. under a
     * translated Spring {@code DataAccessException}): 409 for duplicate keys and missing referenced
     * rows, 400 for invalid values, 500 with a fresh {@link #ERROR_ID} otherwise.
     */
    public static ProblemDetail forFailure(Throwable failure, String instance) {
        ProblemDetail problem = clientProblem(failure);
        if (problem == null) {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The changes could not be saved. Quote the error id when reporting this.");
            problem.setType(URI.create(FLUSH_FAILED_TYPE));
            problem.setTitle("Changes could not be saved");
            problem.setProperty(ERROR_ID, UUID.randomUUID().toString());
        }
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        return problem;
    }

    /** The {@link #ERROR_ID} of a 500 problem, null for the others. */
    public static @Nullable String errorId(ProblemDetail problem) {
        return problem.getProperties() == null ? null : (String) problem.getProperties().get(ERROR_ID);
    }

    private static @Nullable ProblemDetail clientProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DuplicateKeyException dup) {
                ProblemDetail problem = problem(HttpStatus.CONFLICT, DUPLICATE_KEY_TYPE, "Duplicate key", dup);
                problem.setProperty("table", dup.table());
                problem.setProperty("index", dup.index());
                return problem;
            }
            if (t instanceof FluxaValidationException invalid) {
                ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, VALIDATION_TYPE, "Invalid value", invalid);
                problem.setProperty("entity", invalid.entity());
                problem.setProperty("field", invalid.field());
                return problem;
            }
            if (t instanceof ForeignKeyException fk) {
                ProblemDetail problem = problem(HttpStatus.CONFLICT, FOREIGN_KEY_TYPE, "Referenced row missing", fk);
                problem.setProperty("table", fk.table());
                problem.setProperty("constraint", fk.constraint());
                return problem;
            }
        }
        return null;
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, Throwable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create(type));
        problem.setTitle(title);
        return problem;
    }
}
