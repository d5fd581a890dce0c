package io.fluxa.codegen.testannotations;

/** Declares the attribute types the reader normalises against in tests. */
public @interface Limits {
    long min();

    long max();

    long huge();

    double ratio();

    double negative();

    String label();

    char letter();

    boolean flag();

    int parens();

    String[] empty();

    String kind();

    Class<?> type();

    double weight();
}
