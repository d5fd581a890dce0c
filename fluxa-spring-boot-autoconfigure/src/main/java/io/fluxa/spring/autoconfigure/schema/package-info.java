/**
 * fluxa.schema.mode on start-up.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.schema;

import org.jspecify.annotations.NullMarked;
