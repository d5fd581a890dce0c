package io.fluxa.schema;

import io.fluxa.FluxaException;

/**
 * An entity definition is wrong. The message names the class, the field (when there is one), what
 * is wrong and how to fix it, and where it was written.
 */
public class SchemaDefinitionException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final String className;
    private final String field;
    private final String fix;
    private final transient SourcePosition position;

    public SchemaDefinitionException(String className, String field, String problem, String fix,
            SourcePosition position) {
        super(format(className, field, problem, fix, position));
        this.className = className;
        this.field = field;
        this.fix = fix;
        this.position = position == null ? SourcePosition.UNKNOWN : position;
    }

    private static String format(String className, String field, String problem, String fix, SourcePosition position) {
        StringBuilder b = new StringBuilder();
        if (position != null && position.file() != null) {
            b.append(position).append(": ");
        }
        b.append(className);
        if (field != null) {
            b.append('.').append(field);
        }
        b.append(": ").append(problem);
        if (fix != null) {
            b.append(" Fix: ").append(fix);
        }
        return b.toString();
    }

    public String className() {
        return className;
    }

    /** The offending field, or null when the problem is on the class. */
    public String field() {
        return field;
    }

    public String fix() {
        return fix;
    }

    public SourcePosition position() {
        return position;
    }
}
