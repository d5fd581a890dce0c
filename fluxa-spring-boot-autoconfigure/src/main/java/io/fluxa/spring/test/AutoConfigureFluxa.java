package io.fluxa.spring.test;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Imports Fluxa's data auto-configurations — the engine and providers, the injectable Context,
 * exception translation, query logging, schema mode, streams and async flush — and nothing else.
 * {@link FluxaDataTest} uses it; put it on a test of another slice to add Fluxa to that slice. The
 * list is {@code META-INF/spring/io.fluxa.spring.test.AutoConfigureFluxa.imports}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureFluxa {
}
