/**
 * Micrometer meters of Fluxa and its connection pools.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
