package io.fluxa.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.List;

import static io.fluxa.codegen.RuntimeTypes.DATABASE_ENUM;
import static io.fluxa.codegen.RuntimeTypes.ENUM_SET;
import static io.fluxa.codegen.RuntimeTypes.FLUXA_EXCEPTION;
import static io.fluxa.codegen.RuntimeTypes.STRING;

/** Writes the Java enum of an enum or set column: one constant per database value. */
final class EnumWriter {

    private EnumWriter() {
    }

    static TypeSpec enumType(ClassName self, ColumnSchema column) {
        TypeSpec.Builder type = TypeSpec.enumBuilder(self)
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(DATABASE_ENUM)
                .addJavadoc("Values of the MySQL $L column {@code $L}; each constant knows its database value.\n",
                        column.kind() == ColumnKind.SET ? "set" : "enum", column.name());
        List<String> used = new ArrayList<>();
        CodeBlock.Builder cases = CodeBlock.builder();
        for (String value : column.values()) {
            String constant = GeneratedNames.constantName(value);
            while (used.contains(constant)) {
                constant = constant + "_";
            }
            used.add(constant);
            type.addEnumConstant(constant, TypeSpec.anonymousClassBuilder("$S", value).build());
            cases.add("case $S -> $L;\n", value, constant);
        }
        type.addField(FieldSpec.builder(ArrayTypeName.of(self), "ALL", Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL).initializer("values()").build());
        type.addField(STRING, "databaseValue", Modifier.PRIVATE, Modifier.FINAL);
        type.addMethod(MethodSpec.constructorBuilder()
                .addParameter(STRING, "databaseValue")
                .addStatement("this.databaseValue = databaseValue")
                .build());
        type.addMethod(MethodSpec.methodBuilder("databaseValue")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(STRING)
                .addStatement("return databaseValue")
                .build());
        type.addMethod(MethodSpec.methodBuilder("fromDatabase")
                .addJavadoc("The constant stored as {@code value}, or null for null.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(STRING, "value")
                .beginControlFlow("if (value == null)")
                .addStatement("return null")
                .endControlFlow()
                .addCode("return switch (value) {\n$>")
                .addCode(cases.build())
                .addCode("default -> throw new $T($S$W+ value$W+ $S);\n", FLUXA_EXCEPTION,
                        "unknown " + self.simpleName() + " value '",
                        "' read from the database; regenerate the code or update the column")
                .addCode("$<};\n")
                .build());
        type.addMethod(MethodSpec.methodBuilder("setFromDatabase")
                .addJavadoc("The members of a set column value ({@code \"a,b\"}); empty for null or \"\".\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ENUM_SET, self))
                .addParameter(STRING, "value")
                .addStatement("$T<$T> members = $T.noneOf($T.class)", ENUM_SET, self, ENUM_SET, self)
                .beginControlFlow("if (value != null && !value.isEmpty())")
                .beginControlFlow("for (String member : value.split($S))", ",")
                .addStatement("members.add(fromDatabase(member))")
                .endControlFlow()
                .endControlFlow()
                .addStatement("return members")
                .build());
        type.addMethod(MethodSpec.methodBuilder("declared")
                .addJavadoc("Every constant in declaration order (a fresh array).\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ArrayTypeName.of(self))
                .addStatement("return ALL.clone()")
                .build());
        return type.build();
    }
}
