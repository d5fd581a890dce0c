/**
 * Servlet integration: the auto-flush filter and problem responses.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
