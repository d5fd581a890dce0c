package io.fluxa.orm;

import io.fluxa.schema.EnumValue;

/** Implemented by every generated Java enum: the value stored in MySQL for a constant. */
public interface DatabaseEnum extends EnumValue {

    @Override
    String databaseValue();
}
