package io.fluxa;

/**
 * A value was rejected before it reached SQL: out of the column's range, too long, not a member of
 * the enum, or null for a required field. Names the entity, the field and the value.
 */
public class FluxaValidationException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String entity;
    private final String field;

    public FluxaValidationException(String entity, String field, String message) {
        super(entity + "." + field + ": " + message);
        this.entity = entity;
        this.field = field;
    }

    public String entity() {
        return entity;
    }

    public String field() {
        return field;
    }
}
