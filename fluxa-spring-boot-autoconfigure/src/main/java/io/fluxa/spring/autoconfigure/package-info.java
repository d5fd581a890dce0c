/**
 * Spring Boot auto-configuration for Fluxa: the engine, its pools from {@code fluxa.*} and Boot's
 * connection details, and the generated providers as beans.
 */
@NullMarked
package io.fluxa.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
