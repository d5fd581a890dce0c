/**
 * Translation of Fluxa exceptions into Spring's DataAccessException hierarchy.
 */
@NullMarked
package io.fluxa.spring.autoconfigure.dao;

import org.jspecify.annotations.NullMarked;
