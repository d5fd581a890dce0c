package io.fluxa.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;

import static io.fluxa.codegen.RuntimeTypes.BIG_DECIMAL;
import static io.fluxa.codegen.RuntimeTypes.BOXED_BOOLEAN;
import static io.fluxa.codegen.RuntimeTypes.BOXED_DOUBLE;
import static io.fluxa.codegen.RuntimeTypes.BOXED_LONG;
import static io.fluxa.codegen.RuntimeTypes.BYTES;
import static io.fluxa.codegen.RuntimeTypes.CHECKS;
import static io.fluxa.codegen.RuntimeTypes.INSTANT;
import static io.fluxa.codegen.RuntimeTypes.LOCAL_DATE;
import static io.fluxa.codegen.RuntimeTypes.LOCAL_DATE_TIME;
import static io.fluxa.codegen.RuntimeTypes.SET;
import static io.fluxa.codegen.RuntimeTypes.STRING;

/**
 * How one column looks in Java: the accessor type, the code reading the canonical value held by the
 * entity and the code validating a new one ({@code value}) on its way in.
 *
 * @param type the setter's parameter type (and the getter's, except for sets)
 * @param read the getter's expression
 * @param write the validated canonical value of {@code value}
 * @param hasSetter false for the soft-delete flag, which only {@code delete()} changes
 * @param getterPrefix {@code get}, or {@code is} for a NOT NULL boolean
 */
record ColumnCode(TypeName type, CodeBlock read, CodeBlock write, boolean hasSetter, String getterPrefix) {

    static ColumnCode of(EntitySchema entity, GeneratedNames names, int index, ColumnSchema column) {
        boolean nullable = column.nullable();
        boolean required = !nullable;
        String field = column.fieldPath();
        ColumnKind kind = column.kind();
        return switch (kind) {
            case INT8, INT16, INT24, INT32, INT64 -> {
                long[] range = range(kind, column.unsigned());
                yield new ColumnCode(nullable ? BOXED_LONG : TypeName.LONG, cast(BOXED_LONG, index),
                        CodeBlock.of("$T.range(this,$W$S,$Wvalue,$W$LL,$W$LL,$W$S)", CHECKS, field, range[0], range[1],
                                column.sqlType()),
                        true, "get");
            }
            case BOOLEAN -> {
                boolean fakeDelete = entity.softDelete() && field.equals("fakeDelete");
                yield new ColumnCode(nullable ? BOXED_BOOLEAN : TypeName.BOOLEAN, cast(BOXED_BOOLEAN, index),
                        nullable ? CodeBlock.of("value") : CodeBlock.of("$T.valueOf(value)", BOXED_BOOLEAN),
                        !fakeDelete, nullable ? "get" : "is");
            }
            case FLOAT32, FLOAT64 -> new ColumnCode(nullable ? BOXED_DOUBLE : TypeName.DOUBLE,
                    cast(BOXED_DOUBLE, index),
                    CodeBlock.of("$T.floating(this,$W$S,$Wvalue,$W$L,$W$L)", CHECKS, field, column.unsigned(),
                            kind == ColumnKind.FLOAT32),
                    true, "get");
            case DECIMAL -> new ColumnCode(BIG_DECIMAL, cast(BIG_DECIMAL, index),
                    CodeBlock.of("$T.decimal(this,$W$S,$Wvalue,$W$L,$W$L,$W$L,$W$L)", CHECKS, field,
                            column.precision(), column.scale(), column.unsigned(), required),
                    true, "get");
            case STRING -> new ColumnCode(STRING, cast(STRING, index),
                    CodeBlock.of("$T.string(this,$W$S,$Wvalue,$W$L,$W$L)", CHECKS, field, column.length(), required),
                    true, "get");
            case TEXT -> new ColumnCode(STRING, cast(STRING, index),
                    CodeBlock.of("$T.text(this,$W$S,$Wvalue,$W$LL,$W$L)", CHECKS, field, 16_777_215L, required),
                    true, "get");
            case DATE -> new ColumnCode(LOCAL_DATE, cast(LOCAL_DATE, index),
                    CodeBlock.of("$T.date(this,$W$S,$Wvalue,$W$L)", CHECKS, field, required), true, "get");
            case DATETIME -> localDateTime(column)
                    ? new ColumnCode(LOCAL_DATE_TIME, cast(LOCAL_DATE_TIME, index),
                            CodeBlock.of("$T.localDateTime(this,$W$S,$Wvalue,$W$L)", CHECKS, field, required), true,
                            "get")
                    : new ColumnCode(INSTANT, cast(INSTANT, index),
                            CodeBlock.of("$T.instant(this,$W$S,$Wvalue,$W$L)", CHECKS, field, required), true, "get");
            case BINARY -> new ColumnCode(BYTES, CodeBlock.of("copy(($T) get($L))", BYTES, index),
                    CodeBlock.of("$T.bytes(this,$W$S,$Wvalue,$W$LL,$W$L)", CHECKS, field, blobBytes(column.sqlType()),
                            required),
                    true, "get");
            case ENUM -> {
                ClassName enumType = names.enumType(entity, column);
                yield new ColumnCode(enumType, CodeBlock.of("$T.fromDatabase(($T) get($L))", enumType, STRING, index),
                        CodeBlock.of("$T.enumValue(this,$W$S,$Wvalue,$W$L)", CHECKS, field, required), true, "get");
            }
            case SET -> {
                ClassName enumType = names.enumType(entity, column);
                yield new ColumnCode(ParameterizedTypeName.get(SET, enumType),
                        CodeBlock.of("$T.setFromDatabase(($T) get($L))", enumType, STRING, index),
                        CodeBlock.of("$T.set(this,$W$S,$Wvalue,$W$T.declared(),$W$L)", CHECKS, field, enumType,
                                required),
                        true, "get");
            }
            case ID, REFERENCE -> throw new IllegalStateException("no value accessor for " + kind + " column "
                    + column.name());
        };
    }

    /**
     * The type of a value compared with the column in a {@code Where}, the {@code T} of its
     * {@code Column<T>} constant: what {@code RowCodec.bindParameter} binds for it.
     */
    static TypeName whereType(EntitySchema entity, GeneratedNames names, ColumnSchema column) {
        return switch (column.kind()) {
            case ID, REFERENCE, INT8, INT16, INT24, INT32, INT64 -> BOXED_LONG;
            case BOOLEAN -> BOXED_BOOLEAN;
            case FLOAT32, FLOAT64 -> BOXED_DOUBLE;
            case DECIMAL -> BIG_DECIMAL;
            case STRING, TEXT, SET -> STRING;
            case DATE -> LOCAL_DATE;
            case DATETIME -> localDateTime(column) ? LOCAL_DATE_TIME : INSTANT;
            case BINARY -> BYTES;
            case ENUM -> names.enumType(entity, column);
        };
    }

    static boolean localDateTime(ColumnSchema column) {
        return column.javaType().endsWith("LocalDateTime");
    }

    private static CodeBlock cast(TypeName type, int index) {
        return CodeBlock.of("($T) get($L)", type, index);
    }

    /** Maximum bytes of a blob column type; 0 (no check) for longblob. */
    static long blobBytes(String sqlType) {
        return switch (sqlType) {
            case "tinyblob" -> 255L;
            case "blob" -> 65_535L;
            case "mediumblob" -> 16_777_215L;
            default -> 0L;
        };
    }

    static long[] range(ColumnKind kind, boolean unsigned) {
        return switch (kind) {
            case INT8 -> unsigned ? new long[] {0, 255} : new long[] {-128, 127};
            case INT16 -> unsigned ? new long[] {0, 65_535} : new long[] {-32_768, 32_767};
            case INT24 -> unsigned ? new long[] {0, 16_777_215} : new long[] {-8_388_608, 8_388_607};
            case INT32 -> unsigned ? new long[] {0, 4_294_967_295L} : new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case INT64 -> unsigned ? new long[] {0, Long.MAX_VALUE} : new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            default -> throw new IllegalArgumentException(kind + " is not an integer kind");
        };
    }
}
