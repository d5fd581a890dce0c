package io.fluxa.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.SchemaDefinitionException;
import io.fluxa.schema.SourcePosition;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.fluxa.codegen.GeneratedNames.arrayIndex;
import static io.fluxa.codegen.GeneratedNames.capitalize;
import static io.fluxa.codegen.GeneratedNames.property;
import static io.fluxa.codegen.GeneratedNames.uncapitalize;
import static io.fluxa.codegen.RuntimeTypes.ABSTRACT_ENTITY;
import static io.fluxa.codegen.RuntimeTypes.BOXED_LONG;
import static io.fluxa.codegen.RuntimeTypes.CHECKS;
import static io.fluxa.codegen.RuntimeTypes.COLUMN;
import static io.fluxa.codegen.RuntimeTypes.CONTEXT;
import static io.fluxa.codegen.RuntimeTypes.ENUM_SET;
import static io.fluxa.codegen.RuntimeTypes.OPTIONAL;

/**
 * Writes {@code XEntity}: one typed {@code Column} constant per column for {@code Where} conditions,
 * then typed, validating accessors over the base class's row array.
 */
final class EntityWriter {

    /** Methods of the base entity (and Object) that a field accessor must not hide or override. */
    private static final List<String> RESERVED_METHODS = List.of("getId()", "isNew()", "isDirty()", "delete()",
            "provider()", "context()", "toString()", "hashCode()", "getClass()", "clone()", "finalize()");

    private EntityWriter() {
    }

    static TypeSpec entityType(EntitySchema entity, GeneratedNames names) {
        ClassName self = names.entity(entity.entityName());
        ClassName provider = names.provider(entity.entityName());
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ABSTRACT_ENTITY)
                .addJavadoc("Entity {@code $L}, table {@code $L}:\ntyped accessors with validation and dirty "
                        + "tracking.\nCreate with {@link $T#newEntity},\nload with {@link $T#getById}.\n"
                        + "The column constants build {@link io.fluxa.Where} conditions the compiler checks.\n",
                        entity.entityName(), entity.table(), provider, provider);
        addColumnConstants(type, entity, names);
        type.addMethod(MethodSpec.constructorBuilder()
                .addParameter(provider, "provider")
                .addParameter(CONTEXT, "context")
                .addParameter(TypeName.LONG, "id")
                .addParameter(ArrayTypeName.of(ClassName.OBJECT), "row")
                .addParameter(TypeName.BOOLEAN, "isNew")
                .addStatement("super(provider, context, id, row, isNew)")
                .build());
        List<ColumnSchema> columns = entity.columns();
        Map<String, List<Integer>> arrays = new LinkedHashMap<>();
        for (int i = 1; i < columns.size(); i++) {
            ColumnSchema column = columns.get(i);
            if (arrayIndex(column.fieldPath()) >= 0) {
                arrays.computeIfAbsent(property(column.fieldPath()), k -> new ArrayList<>()).add(i);
                continue;
            }
            addAccessors(type, entity, names, i, column);
        }
        for (Map.Entry<String, List<Integer>> array : arrays.entrySet()) {
            addArrayAccessors(type, entity, names, array.getKey(), array.getValue());
        }
        if (entity.softDelete()) {
            type.addMethod(MethodSpec.methodBuilder("forceDelete")
                    .addJavadoc("Removes the row at the next flush instead of marking it deleted.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addStatement("forceDeleteRow()")
                    .build());
        }
        TypeSpec built = type.build();
        checkAccessorNames(entity, built);
        return built;
    }

    private static void addColumnConstants(TypeSpec.Builder type, EntitySchema entity, GeneratedNames names) {
        Map<String, ColumnSchema> seen = new HashMap<>();
        for (ColumnSchema column : entity.columns()) {
            String constant = GeneratedNames.columnConstant(column.name());
            ColumnSchema clash = seen.putIfAbsent(constant, column);
            if (clash != null) {
                throw new SchemaDefinitionException(entity.definitionClass(), column.fieldPath(),
                        "Columns " + clash.name() + " and " + column.name() + " of " + entity.entityName()
                                + " would both get the column constant " + constant + ".",
                        "Rename one of the fields.", SourcePosition.UNKNOWN);
            }
            TypeName columnType = ParameterizedTypeName.get(COLUMN, ColumnCode.whereType(entity, names, column));
            type.addField(FieldSpec.builder(columnType, constant, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Column {@code $L}: $L.\n", column.name(), describe(entity, names, column))
                    .initializer("$Z$T.of($S)", COLUMN, column.name())
                    .build());
        }
    }

    /**
     * Two fields can produce the same accessor ({@code category} reference and a {@code categoryId}
     * field both give {@code getCategoryId()}), or a field can clash with a base method ({@code boolean
     * dirty} gives {@code isDirty()}). Say so clearly instead of emitting code that does not compile, or
     * worse, silently overrides the entity's own method.
     */
    private static void checkAccessorNames(EntitySchema entity, TypeSpec type) {
        List<String> seen = new ArrayList<>();
        for (MethodSpec method : type.methodSpecs()) {
            if (method.name().equals("<init>") || method.name().equals("forceDelete")) {
                continue;
            }
            StringBuilder signature = new StringBuilder(method.name()).append('(');
            for (int i = 0; i < method.parameters().size(); i++) {
                signature.append(i == 0 ? "" : ",").append(method.parameters().get(i).type());
            }
            String key = signature.append(')').toString();
            if (seen.contains(key) || RESERVED_METHODS.contains(key)) {
                throw new SchemaDefinitionException(entity.definitionClass(), null,
                        "Two fields of " + entity.entityName() + " would generate the same method " + key
                                + (RESERVED_METHODS.contains(key) ? ", which every entity already has" : "") + ".",
                        "Rename one of the fields (or mark it @Ignore).", SourcePosition.UNKNOWN);
            }
            seen.add(key);
        }
    }

    private static void addAccessors(TypeSpec.Builder type, EntitySchema entity, GeneratedNames names, int index,
            ColumnSchema column) {
        String property = capitalize(property(column.fieldPath()));
        if (column.kind() == ColumnKind.REFERENCE) {
            addReferenceAccessors(type, names, index, column, property);
            return;
        }
        ColumnCode code = ColumnCode.of(entity, names, index, column);
        TypeName getterType = code.type();
        if (column.kind() == ColumnKind.SET) {
            getterType = ParameterizedTypeName.get(ENUM_SET, names.enumType(entity, column));
        }
        type.addMethod(MethodSpec.methodBuilder(code.getterPrefix() + property)
                .addJavadoc("Column {@code $L}: $L.\n", column.name(), describe(entity, names, column))
                .addModifiers(Modifier.PUBLIC)
                .returns(getterType)
                .addStatement("return $L", code.read())
                .build());
        if (code.hasSetter()) {
            type.addMethod(MethodSpec.methodBuilder("set" + property)
                    .addJavadoc("Sets column {@code $L};\nvalidates the value and tracks the entity when it changes.\n",
                            column.name())
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(code.type(), "value")
                    .addStatement("set($L,$W$L)", index, code.write())
                    .build());
        }
    }

    private static void addReferenceAccessors(TypeSpec.Builder type, GeneratedNames names, int index,
            ColumnSchema column, String property) {
        ClassName target = names.entity(column.referencedEntity());
        ClassName targetProvider = names.provider(column.referencedEntity());
        boolean required = !column.nullable();
        type.addMethod(MethodSpec.methodBuilder("get" + property + "Id")
                .addJavadoc("Id of the referenced {@code $L}, 0 when none.\n", column.referencedEntity())
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.LONG)
                .addStatement("$T id = ($T) get($L)", BOXED_LONG, BOXED_LONG, index)
                .addStatement("return id == null ? 0 : id")
                .build());
        type.addMethod(MethodSpec.methodBuilder("set" + property)
                .addJavadoc("References the {@code $L} with this id; 0 clears an optional reference.\n",
                        column.referencedEntity())
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.LONG, "id")
                .addStatement("set($L,$W$T.reference(this,$W$S,$Wid,$W$L))", index, CHECKS, column.fieldPath(),
                        required)
                .build());
        type.addMethod(MethodSpec.methodBuilder("set" + property)
                .addJavadoc("References {@code entity} (null clears an optional reference).\n")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(target, "entity")
                .addStatement("set$L(entity == null ? 0 : entity.getId())", property)
                .build());
        type.addMethod(MethodSpec.methodBuilder("get" + property)
                .addJavadoc("The referenced {@code $L}, loaded through the caches; empty when none.\n",
                        column.referencedEntity())
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(OPTIONAL, target))
                .addStatement("long id = get$LId()", property)
                .addStatement("return id == 0 ? $T.empty() :$W$T.INSTANCE.getById(context(), id)", OPTIONAL,
                        targetProvider)
                .build());
        type.addMethod(MethodSpec.methodBuilder("mustGet" + property)
                .addJavadoc("The referenced {@code $L};\nthrows {@link io.fluxa.EntityNotFoundException} when "
                        + "missing.\n", column.referencedEntity())
                .addModifiers(Modifier.PUBLIC)
                .returns(target)
                .addStatement("return $T.INSTANCE.mustGetById(context(),$Wget$LId())", targetProvider, property)
                .build());
    }

    private static void addArrayAccessors(TypeSpec.Builder type, EntitySchema entity, GeneratedNames names,
            String property, List<Integer> columns) {
        String name = capitalize(property);
        ColumnSchema first = entity.columns().get(columns.get(0));
        if (first.kind() == ColumnKind.REFERENCE) {
            for (int index : columns) {
                ColumnSchema column = entity.columns().get(index);
                addReferenceAccessors(type, names, index, column, name + (arrayIndex(column.fieldPath()) + 1));
            }
            return;
        }
        ColumnCode firstCode = ColumnCode.of(entity, names, columns.get(0), first);
        TypeName getterType = first.kind() == ColumnKind.SET
                ? ParameterizedTypeName.get(ENUM_SET, names.enumType(entity, first))
                : firstCode.type();
        CodeBlock.Builder reads = CodeBlock.builder();
        CodeBlock.Builder writes = CodeBlock.builder();
        for (int column : columns) {
            ColumnSchema c = entity.columns().get(column);
            ColumnCode code = ColumnCode.of(entity, names, column, c);
            int position = arrayIndex(c.fieldPath());
            reads.add("case $L -> $L;\n", position, code.read());
            writes.add("case $L -> set($L,$W$L);\n", position, column, code.write());
        }
        CodeBlock outOfRange = CodeBlock.of("default -> throw new $T($W$S$W+ index);\n",
                IndexOutOfBoundsException.class, property + " has " + columns.size() + " elements, no index ");
        type.addMethod(MethodSpec.methodBuilder(firstCode.getterPrefix() + name)
                .addJavadoc("Element {@code index} (from 0) of array field {@code $L},\ncolumns {@code $L} to "
                        + "{@code $L}.\n", property, entity.columns().get(columns.get(0)).name(),
                        entity.columns().get(columns.get(columns.size() - 1)).name())
                .addModifiers(Modifier.PUBLIC)
                .returns(getterType)
                .addParameter(TypeName.INT, "index")
                .addCode("return switch (index) {\n$>")
                .addCode(reads.build())
                .addCode(outOfRange)
                .addCode("$<};\n")
                .build());
        if (firstCode.hasSetter()) {
            type.addMethod(MethodSpec.methodBuilder("set" + name)
                    .addJavadoc("Sets element {@code index} (from 0) of array field {@code $L}.\n", property)
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(TypeName.INT, "index")
                    .addParameter(firstCode.type(), "value")
                    .addCode("switch (index) {\n$>")
                    .addCode(writes.build())
                    .addCode(outOfRange)
                    .addCode("$<}\n")
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder(uncapitalize(name) + "Length")
                .addJavadoc("Number of elements of array field {@code $L}.\n", property)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.INT)
                .addStatement("return $L", columns.size())
                .build());
    }

    /** The column's SQL type for the javadoc; enum and set columns point at their Java enum instead. */
    private static CodeBlock describe(EntitySchema entity, GeneratedNames names, ColumnSchema column) {
        String nullable = column.nullable() ? ", nullable" : "";
        return switch (column.kind()) {
            case ENUM, SET -> CodeBlock.of("$L of {@link $T}$L", column.kind() == ColumnKind.SET ? "set" : "enum",
                    names.enumType(entity, column), nullable);
            default -> CodeBlock.of("$L$L", column.sqlType(), nullable);
        };
    }
}
