package io.fluxa.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.UniqueIndexSchema;

import javax.lang.model.element.Modifier;
import java.util.List;

import static io.fluxa.codegen.GeneratedNames.capitalize;
import static io.fluxa.codegen.GeneratedNames.identifier;
import static io.fluxa.codegen.GeneratedNames.property;
import static io.fluxa.codegen.RuntimeTypes.BIG_DECIMAL;
import static io.fluxa.codegen.RuntimeTypes.BYTES;
import static io.fluxa.codegen.RuntimeTypes.CHECKS;
import static io.fluxa.codegen.RuntimeTypes.CONTEXT;
import static io.fluxa.codegen.RuntimeTypes.ENTITY_PROVIDER;
import static io.fluxa.codegen.RuntimeTypes.ENTITY_SCHEMA;
import static io.fluxa.codegen.RuntimeTypes.FLUXA_EXCEPTION;
import static io.fluxa.codegen.RuntimeTypes.INSTANT;
import static io.fluxa.codegen.RuntimeTypes.LOCAL_DATE;
import static io.fluxa.codegen.RuntimeTypes.LOCAL_DATE_TIME;
import static io.fluxa.codegen.RuntimeTypes.OPTIONAL;
import static io.fluxa.codegen.RuntimeTypes.SET;
import static io.fluxa.codegen.RuntimeTypes.STRING;

/**
 * Writes {@code XProvider}: the entity's schema as code, the one stateless instance, and the typed
 * parts the generic provider cannot know (instance creation, reference targets, unique-index lookups).
 */
final class ProviderWriter {

    private ProviderWriter() {
    }

    static TypeSpec providerType(EntitySchema entity, GeneratedNames names) {
        ClassName self = names.provider(entity.entityName());
        ClassName entityClass = names.entity(entity.entityName());
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(ENTITY_PROVIDER, entityClass))
                .addJavadoc("Reads, searches and creates {@link $T}s.\nStateless and thread-safe: use "
                        + "{@link #INSTANCE}.\n", entityClass);
        type.addField(FieldSpec.builder(ENTITY_SCHEMA, "SCHEMA", Modifier.STATIC, Modifier.FINAL)
                .initializer(SchemaWriter.schemaCode(entity))
                .build());
        type.addField(FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer("$Znew $T()", self)
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addStatement("super(SCHEMA)")
                .build());
        type.addMethod(MethodSpec.methodBuilder("newInstance")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(entityClass)
                .addParameter(CONTEXT, "context")
                .addParameter(TypeName.LONG, "id")
                .addParameter(ArrayTypeName.of(ClassName.OBJECT), "row")
                .addParameter(TypeName.BOOLEAN, "isNew")
                .addStatement("return new $T(this, context, id, row, isNew)", entityClass)
                .build());
        type.addMethod(referencedProvider(entity, names));
        for (int u = 0; u < entity.uniqueIndexes().size(); u++) {
            type.addMethod(uniqueIndexMethod(entity, names, u, entityClass));
        }
        return type.build();
    }

    private static MethodSpec referencedProvider(EntitySchema entity, GeneratedNames names) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("referencedProvider")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(ParameterizedTypeName.get(ENTITY_PROVIDER, WildcardTypeName.subtypeOf(Object.class)))
                .addParameter(TypeName.INT, "column");
        CodeBlock noReference = CodeBlock.of("throw new $T($S$W+ column)", FLUXA_EXCEPTION,
                entity.entityName() + " has no reference in column ");
        CodeBlock.Builder cases = CodeBlock.builder();
        List<ColumnSchema> columns = entity.columns();
        for (int i = 1; i < columns.size(); i++) {
            if (columns.get(i).kind() == ColumnKind.REFERENCE) {
                cases.add("case $L -> $T.INSTANCE;\n", i, names.provider(columns.get(i).referencedEntity()));
            }
        }
        if (cases.isEmpty()) {
            return method.addStatement(noReference).build();
        }
        return method.addCode("return switch (column) {\n$>")
                .addCode(cases.build())
                .addCode("default -> $L;\n", noReference)
                .addCode("$<};\n")
                .build();
    }

    private static MethodSpec uniqueIndexMethod(EntitySchema entity, GeneratedNames names, int number,
            ClassName entityClass) {
        UniqueIndexSchema index = entity.uniqueIndexes().get(number);
        MethodSpec.Builder method = MethodSpec.methodBuilder("getByIndex" + identifier(capitalize(index.name())))
                .addJavadoc("The row whose unique index {@code $L} holds these values, if any.\nSoft-deleted rows "
                        + "are not found.$L\n", index.name(), index.cached() ? " Resolved through Redis first." : "")
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(OPTIONAL, entityClass))
                .addParameter(CONTEXT, "context");
        CodeBlock.Builder call = CodeBlock.builder().add("return getByUniqueIndex(context,$W$L", number);
        for (String columnName : index.columns()) {
            ColumnSchema column = entity.column(columnName);
            String parameter = property(column.fieldPath());
            TypeName parameterType;
            CodeBlock argument = CodeBlock.of("$L", parameter);
            switch (column.kind()) {
                case REFERENCE -> {
                    parameter = parameter + "Id";
                    parameterType = TypeName.LONG;
                    argument = CodeBlock.of("$L == 0$W? null$W: (Object) $L", parameter, parameter);
                }
                case ENUM -> {
                    parameterType = names.enumType(entity, column);
                    argument = CodeBlock.of("$L == null$W? null$W: $L.databaseValue()", parameter, parameter);
                }
                case SET -> {
                    ClassName enumType = names.enumType(entity, column);
                    parameterType = ParameterizedTypeName.get(SET, enumType);
                    argument = CodeBlock.of("$T.set(null,$W$S,$W$L,$W$T.declared(),$Wfalse)", CHECKS,
                            column.fieldPath(), parameter, enumType);
                }
                case BOOLEAN -> parameterType = TypeName.BOOLEAN;
                case INT8, INT16, INT24, INT32, INT64 -> parameterType = TypeName.LONG;
                case FLOAT32, FLOAT64 -> parameterType = TypeName.DOUBLE;
                case DECIMAL -> parameterType = BIG_DECIMAL;
                case DATE -> parameterType = LOCAL_DATE;
                case DATETIME -> parameterType = ColumnCode.localDateTime(column) ? LOCAL_DATE_TIME : INSTANT;
                case BINARY -> parameterType = BYTES;
                default -> parameterType = STRING;
            }
            method.addParameter(parameterType, parameter);
            call.add(",$W$L", argument);
        }
        method.addStatement(call.add(")").build());
        return method.build();
    }
}
