package io.fluxa.schema;

/** A constant of an enum column: the value MySQL stores for it. Generated enums implement it. */
public interface EnumValue {

    String databaseValue();
}
