package io.fluxa.schema;

/** What a MySQL column holds; decides the SQL type, the generated accessor type and the codecs. */
public enum ColumnKind {
    /** The primary key: {@code bigint unsigned}. */
    ID,
    BOOLEAN,
    /** tinyint */
    INT8,
    /** smallint */
    INT16,
    /** mediumint ({@code @MediumInt int}) */
    INT24,
    /** int */
    INT32,
    /** bigint */
    INT64,
    /** float */
    FLOAT32,
    /** double */
    FLOAT64,
    /** decimal(p,s) */
    DECIMAL,
    /** varchar(n) */
    STRING,
    /** mediumtext ({@code @Length(max)}) */
    TEXT,
    /** date ({@code LocalDate}) */
    DATE,
    /** datetime, UTC, second precision ({@code Instant}, {@code LocalDateTime}) */
    DATETIME,
    /** blob / mediumblob / longblob ({@code byte[]}) */
    BINARY,
    ENUM,
    SET,
    /** {@code bigint unsigned} holding the id of another entity */
    REFERENCE;

    public boolean isInteger() {
        return this == INT8 || this == INT16 || this == INT24 || this == INT32 || this == INT64;
    }
}
