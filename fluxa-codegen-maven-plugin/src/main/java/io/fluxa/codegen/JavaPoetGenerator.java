package io.fluxa.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.fluxa.schema.ClassDefinition;
import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.DirtyStreamSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.IndexSchema;
import io.fluxa.schema.SchemaDefinitionException;
import io.fluxa.schema.SourcePosition;
import io.fluxa.schema.SchemaModel;
import io.fluxa.schema.UniqueIndexSchema;

import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the typed API of every entity with JavaPoet: {@code XEntity} (typed, validating
 * accessors over {@code io.fluxa.orm.AbstractEntity}), {@code XProvider} (one stateless instance over
 * {@code io.fluxa.orm.EntityProvider}, holding the entity's schema as code), Java enums for enum and
 * set columns in {@code enums/}, the project's {@code FluxaModel} and its ServiceLoader file.
 *
 * <p>Pure and deterministic: entities are processed sorted by name, enums by name, and nothing
 * depends on hash order, time or the environment.
 */
public final class JavaPoetGenerator implements CodeGenerator {

    private static final String INDENT = "    ";
    private static final ClassName CONTEXT = ClassName.get("io.fluxa", "Context");
    private static final ClassName FLUXA_EXCEPTION = ClassName.get("io.fluxa", "FluxaException");
    private static final ClassName ENTITY_MODEL = ClassName.get("io.fluxa", "EntityModel");
    private static final ClassName ABSTRACT_ENTITY = ClassName.get("io.fluxa.orm", "AbstractEntity");
    private static final ClassName ENTITY_PROVIDER = ClassName.get("io.fluxa.orm", "EntityProvider");
    private static final ClassName CHECKS = ClassName.get("io.fluxa.orm", "Checks");
    private static final ClassName DATABASE_ENUM = ClassName.get("io.fluxa.orm", "DatabaseEnum");
    private static final ClassName SCHEMA_PACKAGE_ENTITY = ClassName.get("io.fluxa.schema", "EntitySchema");
    private static final ClassName COLUMN_SCHEMA = ClassName.get("io.fluxa.schema", "ColumnSchema");
    private static final ClassName COLUMN_KIND = ClassName.get("io.fluxa.schema", "ColumnKind");
    private static final ClassName UNIQUE_INDEX_SCHEMA = ClassName.get("io.fluxa.schema", "UniqueIndexSchema");
    private static final ClassName INDEX_SCHEMA = ClassName.get("io.fluxa.schema", "IndexSchema");
    private static final ClassName DIRTY_STREAM_SCHEMA = ClassName.get("io.fluxa.schema", "DirtyStreamSchema");
    private static final ClassName REDIS_CACHE_SETTINGS = ClassName.get("io.fluxa.schema", "RedisCacheSettings");
    private static final ClassName LOCAL_CACHE_SETTINGS = ClassName.get("io.fluxa.schema", "LocalCacheSettings");
    private static final ClassName SCHEMA_MODEL = ClassName.get("io.fluxa.schema", "SchemaModel");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName SET = ClassName.get("java.util", "Set");
    private static final ClassName ENUM_SET = ClassName.get("java.util", "EnumSet");
    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    private static final ClassName INSTANT = ClassName.get("java.time", "Instant");
    private static final ClassName LOCAL_DATE = ClassName.get("java.time", "LocalDate");
    private static final ClassName LOCAL_DATE_TIME = ClassName.get("java.time", "LocalDateTime");
    private static final TypeName BYTES = TypeName.get(byte[].class);
    private static final TypeName BOXED_LONG = TypeName.LONG.box();
    private static final TypeName BOXED_DOUBLE = TypeName.DOUBLE.box();
    private static final TypeName BOXED_BOOLEAN = TypeName.BOOLEAN.box();
    private static final TypeName STRING = ClassName.get(String.class);

    public JavaPoetGenerator() {
    }

    @Override
    public List<GeneratedFile> generate(SchemaModel model, List<ClassDefinition> definitions, String targetPackage) {
        List<EntitySchema> entities = new ArrayList<>(model.entities());
        entities.sort(Comparator.comparing(EntitySchema::entityName));
        Names names = new Names(targetPackage, entities);
        List<GeneratedFile> files = new ArrayList<>();
        for (Map.Entry<String, ColumnSchema> e : names.enums.entrySet()) {
            files.add(source(names.enumsPackage, enumType(ClassName.get(names.enumsPackage, e.getKey()), e.getValue())));
        }
        for (EntitySchema entity : entities) {
            files.add(source(targetPackage, entityType(entity, names)));
            files.add(source(targetPackage, providerType(entity, names)));
        }
        files.add(source(targetPackage, modelType(entities, names)));
        files.add(new GeneratedFile("META-INF/services/io.fluxa.EntityModel",
                ClassName.get(targetPackage, "FluxaModel").canonicalName() + "\n", GeneratedFile.Kind.RESOURCE));
        return files;
    }

    private static GeneratedFile source(String packageName, TypeSpec type) {
        String text = JavaFile.builder(packageName, type)
                .skipJavaLangImports(true)
                .indent(INDENT)
                .addFileComment("Generated by Fluxa. Do not edit: change the entity definition and rebuild.")
                .build()
                .toString();
        String path = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + type.name() + ".java";
        return new GeneratedFile(path, text, GeneratedFile.Kind.SOURCE);
    }

    // ---- naming ---------------------------------------------------------------------------

    /** Class names of everything generated, decided once. */
    static final class Names {
        final String targetPackage;
        final String enumsPackage;
        /** Enum type name → a column that declares its values (first one seen, in entity/column order). */
        final Map<String, ColumnSchema> enums = new TreeMap<>();
        private final Map<String, String> columnEnum = new LinkedHashMap<>();

        Names(String targetPackage, List<EntitySchema> entities) {
            this.targetPackage = targetPackage;
            this.enumsPackage = targetPackage.isEmpty() ? "enums" : targetPackage + ".enums";
            for (EntitySchema entity : entities) {
                for (ColumnSchema column : entity.columns()) {
                    if (column.kind() == ColumnKind.ENUM || column.kind() == ColumnKind.SET) {
                        String name = column.enumName() != null && !column.enumName().isBlank()
                                ? identifier(capitalize(column.enumName()))
                                : entity.entityName() + capitalize(property(column.fieldPath()));
                        enums.putIfAbsent(name, column);
                        columnEnum.put(entity.entityName() + "#" + column.name(), name);
                    }
                }
            }
        }

        ClassName entity(String entityName) {
            return ClassName.get(targetPackage, entityName + "Entity");
        }

        ClassName provider(String entityName) {
            return ClassName.get(targetPackage, entityName + "Provider");
        }

        ClassName enumType(EntitySchema entity, ColumnSchema column) {
            return ClassName.get(enumsPackage, columnEnum.get(entity.entityName() + "#" + column.name()));
        }
    }

    /** {@code home.city} → {@code homeCity}; array brackets removed. */
    static String property(String fieldPath) {
        String[] parts = fieldPath.replaceAll("\\[\\d+]", "").split("\\.");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(capitalize(parts[i]));
        }
        return identifier(b.toString());
    }

    /** The array index of a column produced by an array field ({@code alias[2]} → 2), or -1. */
    static int arrayIndex(String fieldPath) {
        int open = fieldPath.lastIndexOf('[');
        if (open < 0 || fieldPath.indexOf('[') != open) {
            return -1;
        }
        int close = fieldPath.indexOf(']', open);
        return Integer.parseInt(fieldPath.substring(open + 1, close));
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String identifier(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        if (b.length() == 0 || !Character.isJavaIdentifierStart(b.charAt(0))) {
            b.insert(0, '_');
        }
        String result = b.toString();
        return SourceVersion.isKeyword(result) ? result + "_" : result;
    }

    /** Constant name of an enum database value: {@code "on sale"} → {@code ON_SALE}. */
    static String constantName(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(value.charAt(i - 1))) {
                    b.append('_');
                }
                b.append(Character.toUpperCase(c));
            } else {
                b.append('_');
            }
        }
        String name = b.length() == 0 ? "EMPTY" : b.toString();
        return Character.isJavaIdentifierStart(name.charAt(0)) ? name : "V_" + name;
    }

    // ---- enums ----------------------------------------------------------------------------

    private static TypeSpec enumType(ClassName self, ColumnSchema column) {
        String name = self.simpleName();
        TypeSpec.Builder type = TypeSpec.enumBuilder(self)
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(DATABASE_ENUM)
                .addJavadoc("Values of the MySQL $L column {@code $L}; each constant knows its database value.\n",
                        column.kind() == ColumnKind.SET ? "set" : "enum", column.name());
        List<String> used = new ArrayList<>();
        for (String value : column.values()) {
            String constant = constantName(value);
            while (used.contains(constant)) {
                constant = constant + "_";
            }
            used.add(constant);
            type.addEnumConstant(constant, TypeSpec.anonymousClassBuilder("$S", value).build());
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
                .beginControlFlow("for ($T constant : ALL)", self)
                .beginControlFlow("if (constant.databaseValue.equals(value))")
                .addStatement("return constant")
                .endControlFlow()
                .endControlFlow()
                .addStatement("throw new $T($S + value + $S)", FLUXA_EXCEPTION, "unknown " + name + " value '",
                        "' read from the database; regenerate the code or update the column")
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

    // ---- entity ---------------------------------------------------------------------------

    private static TypeSpec entityType(EntitySchema entity, Names names) {
        ClassName self = names.entity(entity.entityName());
        ClassName provider = names.provider(entity.entityName());
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ABSTRACT_ENTITY)
                .addJavadoc("Entity {@code $L} (table {@code $L}): typed accessors with validation and dirty tracking.\n"
                        + "Create with {@link $T#newEntity}, load with {@link $T#getById}.\n",
                        entity.entityName(), entity.table(), provider, provider);
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

    /** Methods of {@code AbstractEntity} (and Object) that a field accessor must not hide or override. */
    private static final List<String> RESERVED_METHODS = List.of("getId()", "isNew()", "isDirty()", "delete()",
            "provider()", "context()", "toString()", "hashCode()", "getClass()", "clone()", "finalize()");

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

    /** How one column looks in Java: the accessor type and the code converting to/from the canonical value. */
    private record ColumnCode(TypeName type, CodeBlock read, CodeBlock write, boolean hasSetter, String getterPrefix) {
    }

    private static ColumnCode columnCode(EntitySchema entity, Names names, int index, ColumnSchema column) {
        boolean nullable = column.nullable();
        boolean required = !nullable;
        String field = column.fieldPath();
        ColumnKind kind = column.kind();
        switch (kind) {
            case INT8, INT16, INT24, INT32, INT64: {
                long[] range = range(kind, column.unsigned());
                return new ColumnCode(nullable ? BOXED_LONG : TypeName.LONG,
                        CodeBlock.of("($T) get($L)", BOXED_LONG, index),
                        CodeBlock.of("$T.range(this, $S, value, $LL, $LL, $S)", CHECKS, field, range[0], range[1],
                                column.sqlType()),
                        true, "get");
            }
            case BOOLEAN: {
                boolean fakeDelete = entity.softDelete() && field.equals("fakeDelete");
                return new ColumnCode(nullable ? BOXED_BOOLEAN : TypeName.BOOLEAN,
                        CodeBlock.of("($T) get($L)", BOXED_BOOLEAN, index),
                        nullable ? CodeBlock.of("value") : CodeBlock.of("$T.valueOf(value)", BOXED_BOOLEAN),
                        !fakeDelete, nullable ? "get" : "is");
            }
            case FLOAT32, FLOAT64:
                return new ColumnCode(nullable ? BOXED_DOUBLE : TypeName.DOUBLE,
                        CodeBlock.of("($T) get($L)", BOXED_DOUBLE, index),
                        CodeBlock.of("$T.floating(this, $S, value, $L, $L)", CHECKS, field, column.unsigned(),
                                kind == ColumnKind.FLOAT32),
                        true, "get");
            case DECIMAL:
                return new ColumnCode(nullable ? BOXED_DOUBLE : TypeName.DOUBLE,
                        CodeBlock.of("($T) get($L)", BOXED_DOUBLE, index),
                        CodeBlock.of("$T.decimal(this, $S, value, $L, $L, $L)", CHECKS, field, column.precision(),
                                column.scale(), column.unsigned()),
                        true, "get");
            case STRING:
                return new ColumnCode(STRING, CodeBlock.of("($T) get($L)", STRING, index),
                        CodeBlock.of("$T.string(this, $S, value, $L, $L)", CHECKS, field, column.length(), required),
                        true, "get");
            case TEXT:
                return new ColumnCode(STRING, CodeBlock.of("($T) get($L)", STRING, index),
                        CodeBlock.of("$T.text(this, $S, value, $LL, $L)", CHECKS, field, 16_777_215L, required),
                        true, "get");
            case DATE:
                return new ColumnCode(LOCAL_DATE, CodeBlock.of("($T) get($L)", LOCAL_DATE, index),
                        CodeBlock.of("$T.date(this, $S, value, $L)", CHECKS, field, required), true, "get");
            case DATETIME:
                if (column.javaType().endsWith("LocalDateTime")) {
                    return new ColumnCode(LOCAL_DATE_TIME, CodeBlock.of("($T) get($L)", LOCAL_DATE_TIME, index),
                            CodeBlock.of("$T.localDateTime(this, $S, value, $L)", CHECKS, field, required), true,
                            "get");
                }
                return new ColumnCode(INSTANT, CodeBlock.of("($T) get($L)", INSTANT, index),
                        CodeBlock.of("$T.instant(this, $S, value, $L)", CHECKS, field, required), true, "get");
            case BINARY:
                return new ColumnCode(BYTES, CodeBlock.of("copy(($T) get($L))", BYTES, index),
                        CodeBlock.of("$T.bytes(this, $S, value, $LL, $L)", CHECKS, field, blobBytes(column.sqlType()),
                                required),
                        true, "get");
            case ENUM: {
                ClassName enumType = names.enumType(entity, column);
                return new ColumnCode(enumType, CodeBlock.of("$T.fromDatabase(($T) get($L))", enumType, STRING, index),
                        CodeBlock.of("$T.enumValue(this, $S, value, $L)", CHECKS, field, required), true, "get");
            }
            case SET: {
                ClassName enumType = names.enumType(entity, column);
                return new ColumnCode(ParameterizedTypeName.get(SET, enumType),
                        CodeBlock.of("$T.setFromDatabase(($T) get($L))", enumType, STRING, index),
                        CodeBlock.of("$T.set(this, $S, value, $T.declared(), $L)", CHECKS, field, enumType, required),
                        true, "get");
            }
            default:
                throw new IllegalStateException("no accessor for " + kind + " column " + column.name());
        }
    }

    private static void addAccessors(TypeSpec.Builder type, EntitySchema entity, Names names, int index,
            ColumnSchema column) {
        String property = capitalize(property(column.fieldPath()));
        if (column.kind() == ColumnKind.REFERENCE) {
            addReferenceAccessors(type, names, index, column, property);
            return;
        }
        ColumnCode code = columnCode(entity, names, index, column);
        TypeName getterType = code.type();
        if (column.kind() == ColumnKind.SET) {
            getterType = ParameterizedTypeName.get(ENUM_SET, names.enumType(entity, column));
        }
        type.addMethod(MethodSpec.methodBuilder(code.getterPrefix() + property)
                .addJavadoc("Column {@code $L} ($L$L).\n", column.name(), column.sqlType(),
                        column.nullable() ? ", nullable" : "")
                .addModifiers(Modifier.PUBLIC)
                .returns(getterType)
                .addStatement("return $L", code.read())
                .build());
        if (code.hasSetter()) {
            type.addMethod(MethodSpec.methodBuilder("set" + property)
                    .addJavadoc("Sets column {@code $L}; validates the value and tracks the entity when it changes.\n",
                            column.name())
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(code.type(), "value")
                    .addStatement("set($L, $L)", index, code.write())
                    .build());
        }
    }

    private static void addReferenceAccessors(TypeSpec.Builder type, Names names, int index, ColumnSchema column,
            String property) {
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
                .addStatement("set($L, $T.reference(this, $S, id, $L))", index, CHECKS, column.fieldPath(), required)
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
                .addStatement("return id == 0 ? $T.empty() : $T.INSTANCE.getById(context(), id)", OPTIONAL,
                        targetProvider)
                .build());
        type.addMethod(MethodSpec.methodBuilder("mustGet" + property)
                .addJavadoc("The referenced {@code $L}; throws {@link io.fluxa.EntityNotFoundException} when missing.\n",
                        column.referencedEntity())
                .addModifiers(Modifier.PUBLIC)
                .returns(target)
                .addStatement("return $T.INSTANCE.mustGetById(context(), get$LId())", targetProvider, property)
                .build());
    }

    private static void addArrayAccessors(TypeSpec.Builder type, EntitySchema entity, Names names, String property,
            List<Integer> columns) {
        String name = capitalize(property);
        ColumnSchema first = entity.columns().get(columns.get(0));
        if (first.kind() == ColumnKind.REFERENCE) {
            for (int index : columns) {
                ColumnSchema column = entity.columns().get(index);
                addReferenceAccessors(type, names, index, column, name + (arrayIndex(column.fieldPath()) + 1));
            }
            return;
        }
        ColumnCode firstCode = columnCode(entity, names, columns.get(0), first);
        TypeName getterType = first.kind() == ColumnKind.SET
                ? ParameterizedTypeName.get(ENUM_SET, names.enumType(entity, first))
                : firstCode.type();
        MethodSpec.Builder getter = MethodSpec.methodBuilder(firstCode.getterPrefix() + name)
                .addJavadoc("Element {@code index} (from 0) of array field {@code $L}: columns $L.\n", property,
                        columnNames(entity, columns))
                .addModifiers(Modifier.PUBLIC)
                .returns(getterType)
                .addParameter(TypeName.INT, "index")
                .beginControlFlow("switch (index)");
        MethodSpec.Builder setter = MethodSpec.methodBuilder("set" + name)
                .addJavadoc("Sets element {@code index} (from 0) of array field {@code $L}.\n", property)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(TypeName.INT, "index")
                .addParameter(firstCode.type(), "value")
                .beginControlFlow("switch (index)");
        for (int column : columns) {
            ColumnSchema c = entity.columns().get(column);
            ColumnCode code = columnCode(entity, names, column, c);
            int position = arrayIndex(c.fieldPath());
            getter.addStatement("case $L: return $L", position, code.read());
            setter.addCode("case $L:\n$>", position)
                    .addStatement("set($L, $L)", column, code.write())
                    .addStatement("return")
                    .addCode("$<");
        }
        getter.addStatement("default: throw new $T($S + index)", IndexOutOfBoundsException.class,
                entity.entityName() + "." + property + " has " + columns.size() + " elements, no index ")
                .endControlFlow();
        setter.addStatement("default: throw new $T($S + index)", IndexOutOfBoundsException.class,
                entity.entityName() + "." + property + " has " + columns.size() + " elements, no index ")
                .endControlFlow();
        type.addMethod(getter.build());
        if (firstCode.hasSetter()) {
            type.addMethod(setter.build());
        }
        type.addMethod(MethodSpec.methodBuilder(uncapitalize(name) + "Length")
                .addJavadoc("Number of elements of array field {@code $L}.\n", property)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(TypeName.INT)
                .addStatement("return $L", columns.size())
                .build());
    }

    private static String uncapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String columnNames(EntitySchema entity, List<Integer> columns) {
        List<String> result = new ArrayList<>();
        for (int c : columns) {
            result.add(entity.columns().get(c).name());
        }
        return String.join(", ", result);
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

    // ---- provider -------------------------------------------------------------------------

    private static TypeSpec providerType(EntitySchema entity, Names names) {
        ClassName self = names.provider(entity.entityName());
        ClassName entityClass = names.entity(entity.entityName());
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(ENTITY_PROVIDER, entityClass))
                .addJavadoc("Reads, searches and creates {@link $T}s. Stateless and thread-safe: use {@link #INSTANCE}.\n",
                        entityClass);
        type.addField(FieldSpec.builder(SCHEMA_PACKAGE_ENTITY, "SCHEMA", Modifier.STATIC, Modifier.FINAL)
                .initializer(schemaCode(entity))
                .build());
        type.addField(FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .initializer("new $T()", self)
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
        MethodSpec.Builder referenced = MethodSpec.methodBuilder("referencedProvider")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(ParameterizedTypeName.get(ENTITY_PROVIDER, WildcardTypeName.subtypeOf(Object.class)))
                .addParameter(TypeName.INT, "column")
                .beginControlFlow("switch (column)");
        List<ColumnSchema> columns = entity.columns();
        for (int i = 1; i < columns.size(); i++) {
            if (columns.get(i).kind() == ColumnKind.REFERENCE) {
                referenced.addStatement("case $L: return $T.INSTANCE", i,
                        names.provider(columns.get(i).referencedEntity()));
            }
        }
        referenced.addStatement("default: throw new $T($S + column)", FLUXA_EXCEPTION,
                entity.entityName() + " has no reference in column ").endControlFlow();
        type.addMethod(referenced.build());
        for (int u = 0; u < entity.uniqueIndexes().size(); u++) {
            type.addMethod(uniqueIndexMethod(entity, names, u, entityClass));
        }
        return type.build();
    }

    private static MethodSpec uniqueIndexMethod(EntitySchema entity, Names names, int number, ClassName entityClass) {
        UniqueIndexSchema index = entity.uniqueIndexes().get(number);
        MethodSpec.Builder method = MethodSpec.methodBuilder("getByIndex" + identifier(capitalize(index.name())))
                .addJavadoc("The row whose unique index {@code $L} ($L) holds these values; soft-deleted rows are "
                        + "not found.$L\n", index.name(), String.join(", ", index.columns()),
                        index.cached() ? " Resolved through Redis first." : "")
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(OPTIONAL, entityClass))
                .addParameter(CONTEXT, "context");
        List<String> arguments = new ArrayList<>();
        for (String columnName : index.columns()) {
            ColumnSchema column = entity.column(columnName);
            String parameter = property(column.fieldPath());
            TypeName parameterType;
            String argument = parameter;
            switch (column.kind()) {
                case REFERENCE -> {
                    parameter = parameter + "Id";
                    parameterType = TypeName.LONG;
                    argument = parameter + " == 0 ? null : (Object) " + parameter;
                }
                case ENUM -> {
                    parameterType = names.enumType(entity, column);
                    argument = parameter + " == null ? null : " + parameter + ".databaseValue()";
                }
                case SET -> {
                    ClassName enumType = names.enumType(entity, column);
                    parameterType = ParameterizedTypeName.get(SET, enumType);
                    argument = CodeBlock.of("$T.set(null, $S, $L, $T.declared(), false)", CHECKS, column.fieldPath(),
                            parameter, enumType).toString();
                }
                case BOOLEAN -> parameterType = TypeName.BOOLEAN;
                case INT8, INT16, INT24, INT32, INT64 -> parameterType = TypeName.LONG;
                case FLOAT32, FLOAT64, DECIMAL -> parameterType = TypeName.DOUBLE;
                case DATE -> parameterType = LOCAL_DATE;
                case DATETIME -> parameterType = column.javaType().endsWith("LocalDateTime") ? LOCAL_DATE_TIME : INSTANT;
                case BINARY -> parameterType = BYTES;
                default -> parameterType = STRING;
            }
            method.addParameter(parameterType, parameter);
            arguments.add(argument);
        }
        CodeBlock.Builder call = CodeBlock.builder().add("return getByUniqueIndex(context, $L", number);
        for (String argument : arguments) {
            call.add(", $L", argument);
        }
        call.add(")");
        method.addStatement(call.build());
        return method.build();
    }

    // ---- the schema as code ---------------------------------------------------------------

    private static CodeBlock schemaCode(EntitySchema e) {
        CodeBlock.Builder b = CodeBlock.builder().add("new $T(\n$>$>", SCHEMA_PACKAGE_ENTITY);
        b.add("$S,\n$S,\n$S,\n$S,\n", e.entityName(), e.definitionClass(), e.table(), e.mysqlPool());
        if (e.redisCache() == null) {
            b.add("null,\n");
        } else {
            b.add("new $T($S, $L),\n", REDIS_CACHE_SETTINGS, e.redisCache().pool(), e.redisCache().ttlSeconds());
        }
        if (e.localCache() == null) {
            b.add("null,\n");
        } else {
            b.add("new $T($S, $L),\n", LOCAL_CACHE_SETTINGS, e.localCache().pool(), e.localCache().size());
        }
        b.add("$T.of(\n$>", LIST);
        for (int i = 0; i < e.columns().size(); i++) {
            ColumnSchema c = e.columns().get(i);
            b.add("new $T($S, $S, $S, $T.$L, $S, $L, $L, $L, $L, $L, $L, $S, $S, $L, $L)$L\n", COLUMN_SCHEMA,
                    c.name(), c.fieldPath(), c.javaType(), COLUMN_KIND, c.kind().name(), c.sqlType(), c.nullable(),
                    c.unsigned(), c.length(), c.precision(), c.scale(), strings(c.values()), c.enumName(),
                    c.referencedEntity(), c.searchable(), c.sortable(), i + 1 < e.columns().size() ? "," : "");
        }
        b.add("$<),\n");
        List<CodeBlock> unique = new ArrayList<>();
        for (UniqueIndexSchema u : e.uniqueIndexes()) {
            unique.add(CodeBlock.of("new $T($S, $L, $L)", UNIQUE_INDEX_SCHEMA, u.name(), strings(u.columns()),
                    u.cached()));
        }
        b.add("$L,\n", list(unique));
        List<CodeBlock> indexes = new ArrayList<>();
        for (IndexSchema x : e.indexes()) {
            indexes.add(CodeBlock.of("new $T($S, $L)", INDEX_SCHEMA, x.name(), strings(x.columns())));
        }
        b.add("$L,\n", list(indexes));
        List<CodeBlock> streams = new ArrayList<>();
        for (DirtyStreamSchema s : e.dirtyStreams()) {
            streams.add(CodeBlock.of("new $T($S, $S, $S, $L)", DIRTY_STREAM_SCHEMA, s.name(), s.redisPool(), s.ops(),
                    strings(s.triggerColumns())));
        }
        b.add("$L,\n", list(streams));
        b.add("$L,\n$L,\n$L,\n$S)$<$<", e.softDelete(), e.createdAt(), e.updatedAt(), e.stamp());
        return b.build();
    }

    private static CodeBlock strings(List<String> values) {
        CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", LIST);
        for (int i = 0; i < values.size(); i++) {
            b.add(i == 0 ? "$S" : ", $S", values.get(i));
        }
        return b.add(")").build();
    }

    private static CodeBlock list(List<CodeBlock> items) {
        CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", LIST);
        for (int i = 0; i < items.size(); i++) {
            b.add(i == 0 ? "$L" : ", $L", items.get(i));
        }
        return b.add(")").build();
    }

    // ---- model ----------------------------------------------------------------------------

    private static TypeSpec modelType(List<EntitySchema> entities, Names names) {
        ClassName self = ClassName.get(names.targetPackage, "FluxaModel");
        CodeBlock.Builder schemas = CodeBlock.builder().add("new $T($T.of(", SCHEMA_MODEL, LIST);
        CodeBlock.Builder providers = CodeBlock.builder().add("$T.of(", LIST);
        for (int i = 0; i < entities.size(); i++) {
            ClassName provider = names.provider(entities.get(i).entityName());
            schemas.add(i == 0 ? "$T.SCHEMA" : ", $T.SCHEMA", provider);
            providers.add(i == 0 ? "$T.INSTANCE" : ", $T.INSTANCE", provider);
        }
        schemas.add("))");
        providers.add(")");
        TypeName providerList = ParameterizedTypeName.get(LIST, ClassName.OBJECT);
        return TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ENTITY_MODEL)
                .addJavadoc("Every generated entity of this project. Found by {@link java.util.ServiceLoader} through\n"
                        + "{@code META-INF/services/io.fluxa.EntityModel}; register it with {@code Registry.registerModel}.\n")
                .addField(FieldSpec.builder(SCHEMA_MODEL, "SCHEMA", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(schemas.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC).build())
                .addMethod(MethodSpec.methodBuilder("schema")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(SCHEMA_MODEL)
                        .addStatement("return SCHEMA")
                        .build())
                .addMethod(MethodSpec.methodBuilder("providers")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(providerList)
                        .addStatement("return $L", providers.build())
                        .build())
                .build();
    }
}
