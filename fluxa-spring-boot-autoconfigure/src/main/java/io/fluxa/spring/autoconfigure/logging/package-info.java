/**
 * Query logging switched through logging.level.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.logging;

import org.jspecify.annotations.NullMarked;
