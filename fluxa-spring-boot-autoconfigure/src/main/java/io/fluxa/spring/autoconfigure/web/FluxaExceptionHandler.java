package io.fluxa.spring.autoconfigure.web;

import io.fluxa.DuplicateKeyException;
import io.fluxa.FluxaValidationException;
import io.fluxa.ForeignKeyException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns Fluxa exceptions thrown by handlers into RFC 9457 problem responses: an invalid value (a
 * generated setter rejecting input) → 400 naming the entity and field; a duplicate key (from a
 * flush the handler ran itself) → 409 naming the index. Spring's translated exceptions
 * ({@code DataAccessException} with a Fluxa cause) are matched through their cause. Replace it by declaring a bean of this type,
 * switch it off with {@code fluxa.web.problem-details=false}, or handle the exceptions in an advice
 * of higher precedence.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class FluxaExceptionHandler {

    @ExceptionHandler(FluxaValidationException.class)
    public ResponseEntity<ProblemDetail> invalidValue(FluxaValidationException e, HttpServletRequest request) {
        return problem(e, request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    public ResponseEntity<ProblemDetail> duplicateKey(DuplicateKeyException e, HttpServletRequest request) {
        return problem(e, request);
    }

    @ExceptionHandler(ForeignKeyException.class)
    public ResponseEntity<ProblemDetail> foreignKey(ForeignKeyException e, HttpServletRequest request) {
        return problem(e, request);
    }

    /** Same problems as the auto-flush filter writes, so clients see one shape whichever caught it. */
    private static ResponseEntity<ProblemDetail> problem(RuntimeException e, HttpServletRequest request) {
        ProblemDetail problem = FluxaProblems.forFailure(e, request.getRequestURI());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
