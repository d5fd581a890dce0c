/**
 * Consumers of the async flush queues, started with the application.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.asyncflush;

import org.jspecify.annotations.NullMarked;
