/**
 * Actuator support: the fluxa and fluxasearch endpoints and the pool health indicators.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
