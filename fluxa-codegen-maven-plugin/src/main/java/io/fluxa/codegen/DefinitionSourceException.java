package io.fluxa.codegen;

import io.fluxa.FluxaException;
import io.fluxa.schema.SourcePosition;

/**
 * A definition source file cannot be read: it does not parse, or an annotation attribute uses an
 * expression the plugin cannot evaluate without compiling. The message starts with
 * {@code file:line}.
 */
public class DefinitionSourceException extends FluxaException {

    private static final long serialVersionUID = 1L;

    private final transient SourcePosition position;

    public DefinitionSourceException(SourcePosition position, String problem) {
        super(position + ": " + problem);
        this.position = position;
    }

    public DefinitionSourceException(SourcePosition position, String problem, Throwable cause) {
        super(position + ": " + problem, cause);
        this.position = position;
    }

    public SourcePosition position() {
        return position;
    }
}
