/**
 * Redis stream definitions, listeners and their health.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.stream;

import org.jspecify.annotations.NullMarked;
