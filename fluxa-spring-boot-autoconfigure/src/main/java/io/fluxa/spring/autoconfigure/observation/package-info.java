/**
 * Micrometer observations of Fluxa flushes.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
