/**
 * Spring test support: the {@link io.fluxa.spring.test.FluxaDataTest} slice and
 * {@link io.fluxa.spring.test.AutoConfigureFluxa}.
 */
@NullMarked
package io.fluxa.spring.test;

import org.jspecify.annotations.NullMarked;
