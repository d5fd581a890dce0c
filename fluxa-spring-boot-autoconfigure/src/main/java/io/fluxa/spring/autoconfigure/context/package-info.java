/**
 * The injectable Context: request, transaction and unit-of-work scopes.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.context;

import org.jspecify.annotations.NullMarked;
