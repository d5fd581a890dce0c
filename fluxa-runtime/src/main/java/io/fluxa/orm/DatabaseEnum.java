package io.fluxa.orm;

/** Implemented by every generated Java enum: the value stored in MySQL for a constant. */
public interface DatabaseEnum {

    String databaseValue();
}
