package io.fluxa.codegen.testannotations;

/** Declares the attribute types the reader normalises against in tests (an array attribute). */
public @interface SetOf {
    String[] values() default {};

    String name() default "";
}
