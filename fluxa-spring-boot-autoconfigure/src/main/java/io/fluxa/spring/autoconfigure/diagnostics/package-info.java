/**
 * Failure analyzers for start-up failures caused by Fluxa.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
