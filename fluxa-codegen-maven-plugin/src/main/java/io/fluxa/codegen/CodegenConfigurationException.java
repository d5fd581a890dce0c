package io.fluxa.codegen;

import io.fluxa.FluxaException;

/** The plugin's parameters do not allow generating; the message names the parameter to set. */
public class CodegenConfigurationException extends FluxaException {

    private static final long serialVersionUID = 1L;

    public CodegenConfigurationException(String message) {
        super(message);
    }
}
