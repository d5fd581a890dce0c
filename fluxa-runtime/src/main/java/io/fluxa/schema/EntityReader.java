package io.fluxa.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the fields of one entity definition, following {@code @Embedded} classes and {@code @Array}
 * fields, and produces column drafts, index parts and dirty-stream triggers. Checks everything that
 * can be checked field by field; cross-entity checks (references, shared enums) happen in
 * {@link SchemaModelBuilder}.
 */
final class EntityReader {

    /** Every field-level annotation Fluxa understands; others (e.g. {@code @Deprecated}) are left alone. */
    static final Set<String> FIELD_ANNOTATIONS = Set.of("Required", "Length", "Unique", "Index", "Unsigned",
            "MediumInt", "Decimal", "Enum", "SetOf", "Blob", "Array", "Embedded", "Searchable", "Sortable", "Ignore",
            "DirtyStreamTrigger", "Uniques", "Indexes");

    private static final Set<String> COMMON = Set.of("Required", "Unique", "Index", "Searchable", "Sortable", "Array",
            "DirtyStreamTrigger");
    private static final Set<String> PRIMITIVES = Set.of("byte", "short", "int", "long", "float", "double", "boolean");
    /** Types stored as one column; they cannot be @Embedded. */
    private static final Set<String> VALUE_TYPES = Set.of("byte", "short", "int", "long", "float", "double", "boolean",
            "Byte", "Short", "Integer", "Long", "Float", "Double", "Boolean", "String", "BigDecimal", "LocalDate",
            "Instant", "LocalDateTime", "Reference");

    record IndexPart(String index, int position, String column, boolean cached, DefinitionSite site) {
    }

    record Trigger(String stream, String column, DefinitionSite site) {
    }

    private final ClassDefinition entity;
    private final ClassLookup classes;

    final List<ColumnDraft> columns = new ArrayList<>();
    final List<IndexPart> uniqueParts = new ArrayList<>();
    final List<IndexPart> indexParts = new ArrayList<>();
    final List<Trigger> triggers = new ArrayList<>();
    boolean softDelete;
    boolean createdAt;
    boolean updatedAt;

    EntityReader(ClassDefinition entity, ClassLookup classes) {
        this.entity = entity;
        this.classes = classes;
    }

    void read() {
        FieldDefinition id = null;
        for (FieldDefinition f : entity.fields()) {
            if (f.name().equals("id") && !annotationsByName(f).containsKey("Ignore")) {
                id = f;
            }
        }
        DefinitionSite classSite = DefinitionSite.of(entity);
        if (id == null) {
            throw classSite.error("The entity has no id field.",
                    "Add the primary key field `long id;` to " + entity.simpleName() + ".");
        }
        readId(id, classSite.field(id, null));
        Deque<String> embedding = new ArrayDeque<>();
        embedding.push(entity.qualifiedName());
        walk(entity, "", "", null, true, embedding);
    }

    private void readId(FieldDefinition id, DefinitionSite site) {
        TypeRef t = id.type();
        if (!t.name().equals("long") || t.arrayDimensions() != 0) {
            throw site.error("The id field is declared as `" + t + "`; every entity's id is a primitive long.",
                    "Declare it as `long id;`.");
        }
        for (String a : annotationsByName(id).keySet()) {
            throw site.error("@" + a + " cannot be used on the id field; the id is always `bigint unsigned NOT NULL`,"
                    + " the primary key.", "Remove @" + a + " from `id`.");
        }
        ColumnDraft c = new ColumnDraft("ID", "id", "long", ColumnKind.ID, site);
        c.unsigned = true;
        columns.add(c);
    }

    private void walk(ClassDefinition owner, String columnPrefix, String pathPrefix, String embeddedPath, boolean top,
            Deque<String> embedding) {
        DefinitionSite ownerSite = DefinitionSite.of(owner);
        for (FieldDefinition f : owner.fields()) {
            DefinitionSite site = ownerSite.field(f, embeddedPath);
            Map<String, List<AnnotationUse>> anns = annotationsByName(f);
            if (anns.containsKey("Ignore") || (top && f.name().equals("id"))) {
                continue;
            }
            if (anns.containsKey("Uniques") || anns.containsKey("Indexes")) {
                String container = anns.containsKey("Uniques") ? "Uniques" : "Indexes";
                String single = container.equals("Uniques") ? "Unique" : "Index";
                throw site.error("@" + container + " is a container annotation that Fluxa does not read.",
                        "Repeat @" + single + " on the field instead.");
            }
            if (top) {
                checkSpecialField(f, site);
            }
            int count = 1;
            boolean array = anns.containsKey("Array");
            if (array) {
                count = attrs(anns, "Array", site).integer("value", 0);
                if (count < 1) {
                    throw site.error("@Array(" + count + ") must be at least 1.",
                            "Use @Array(n) with n >= 1, or remove @Array for a single column.");
                }
            }
            String baseColumn = columnPrefix + capitalize(f.name());
            for (int i = 0; i < count; i++) {
                String column = array ? baseColumn + (i + 1) : baseColumn;
                String path = pathPrefix + f.name() + (array ? "[" + i + "]" : "");
                if (anns.containsKey("Embedded")) {
                    embed(f, site, anns, column, path, entity.simpleName() + "." + path, embedding);
                } else {
                    leaf(f, site, anns, column, path, baseColumn, columnPrefix);
                }
            }
        }
    }

    private void checkSpecialField(FieldDefinition f, DefinitionSite site) {
        TypeRef t = f.type();
        switch (f.name()) {
            case "fakeDelete" -> {
                if (!t.name().equals("boolean") || t.arrayDimensions() != 0) {
                    throw site.error("`fakeDelete` turns on soft delete and must be a primitive boolean, not `" + t
                            + "`.", "Declare it as `boolean fakeDelete;` or rename the field.");
                }
                softDelete = true;
            }
            case "createdAt", "updatedAt" -> {
                String simple = t.simpleName();
                if (!(simple.equals("Instant") || simple.equals("LocalDateTime")) || t.arrayDimensions() != 0) {
                    throw site.error("`" + f.name() + "` is maintained automatically and must be an Instant or"
                            + " LocalDateTime, not `" + t + "`.",
                            "Declare it as `Instant " + f.name() + ";` or rename the field.");
                }
                if (f.name().equals("createdAt")) {
                    createdAt = true;
                } else {
                    updatedAt = true;
                }
            }
            default -> {
            }
        }
    }

    private void embed(FieldDefinition f, DefinitionSite site, Map<String, List<AnnotationUse>> anns, String column,
            String path, String pathFromEntity, Deque<String> embedding) {
        for (String a : anns.keySet()) {
            if (!a.equals("Embedded") && !a.equals("Array")) {
                throw site.error("@" + a + " cannot be used on an @Embedded field.",
                        "Put @" + a + " on the fields of " + f.type().simpleName() + " instead.");
            }
        }
        TypeRef t = f.type();
        if (t.arrayDimensions() != 0 || !t.arguments().isEmpty() || VALUE_TYPES.contains(t.simpleName())) {
            throw site.error("@Embedded needs a definition class, but the field is `" + t + "`.",
                    "Declare the field with a plain class type, e.g. `@Embedded Address home;`, or remove @Embedded.");
        }
        ClassDefinition target = classes.find(t.name(), site, f.name());
        if (target == null) {
            throw site.error("@Embedded class " + t.name() + " was not found among the definition classes.",
                    "Define class " + t.name() + " next to the entity definitions (same source folder),"
                            + " or fix the type name.");
        }
        if (ClassLookup.isEntity(target)) {
            throw site.error(t.name() + " is an entity and cannot be embedded.",
                    "Use `Reference<" + t.simpleName() + "> " + f.name() + ";` to point at another entity,"
                            + " or remove @FluxaEntity from " + t.simpleName() + ".");
        }
        if (embedding.contains(target.qualifiedName())) {
            throw site.error("@Embedded " + t.simpleName() + " contains itself (directly or through other embedded"
                    + " classes).", "Break the cycle: an embedded class cannot embed itself.");
        }
        embedding.push(target.qualifiedName());
        walk(target, column, path + ".", pathFromEntity, false, embedding);
        embedding.pop();
    }

    /**
     * @param indexPrefix the column prefix of the embedding field ("" at the top level); indexes declared
     *     in an embedded class are per embedding, so their names carry the same prefix as the columns
     */
    private void leaf(FieldDefinition f, DefinitionSite site, Map<String, List<AnnotationUse>> anns, String column,
            String path, String enumBase, String indexPrefix) {
        TypeRef t = f.type();
        String simple = t.simpleName();
        boolean primitive = PRIMITIVES.contains(t.name()) && t.arrayDimensions() == 0;
        String javaType = simple + "[]".repeat(t.arrayDimensions());
        ColumnKind kind = kindOf(f, site, anns);
        Set<String> allowed = allowedAnnotations(kind, simple);
        for (String a : anns.keySet()) {
            if (!allowed.contains(a)) {
                throw misplaced(a, t, kind, site);
            }
        }
        ColumnDraft c = new ColumnDraft(column, path, javaType, kind, site);
        c.nullable = !primitive && !anns.containsKey("Required");
        c.unsigned = anns.containsKey("Unsigned");
        switch (kind) {
            case STRING, TEXT -> {
                int length = 255;
                if (anns.containsKey("Length")) {
                    length = lengthOf(attrs(anns, "Length", site), site);
                }
                c.length = kind == ColumnKind.STRING ? length : 0;
            }
            case DECIMAL -> {
                Attributes d = attrs(anns, "Decimal", site);
                c.precision = d.integer("precision", 0);
                c.scale = d.integer("scale", 0);
                if (c.precision < 1 || c.precision > 65) {
                    throw site.error("@Decimal precision " + c.precision + " is out of range; MySQL allows 1..65"
                            + " digits.", "Use @Decimal(precision = 1..65, scale = 0..30).");
                }
                if (c.scale < 0 || c.scale > 30 || c.scale > c.precision) {
                    throw site.error("@Decimal scale " + c.scale + " is out of range; it must be 0..30 and not more"
                            + " than the precision (" + c.precision + ").",
                            "Use a scale between 0 and " + Math.min(30, c.precision) + ".");
                }
            }
            case BINARY -> c.blobType = blobType(anns, site);
            case ENUM, SET -> {
                String annotation = kind == ColumnKind.ENUM ? "Enum" : "SetOf";
                Attributes e = attrs(anns, annotation, site);
                List<String> values = new ArrayList<>(e.strings("values"));
                if (values.isEmpty()) {
                    values.addAll(e.strings("value"));
                }
                String name = e.string("name", "").trim();
                c.enumName = name.isEmpty() ? entity.simpleName() + enumBase : name;
                c.values = List.copyOf(values);
                checkEnumValues(annotation, c.values, site);
                if (values.isEmpty() && name.isEmpty()) {
                    throw site.error("@" + annotation + " has no values and no shared name.",
                            "List the values, e.g. @" + annotation + "(values = {\"a\", \"b\"}), or reuse values"
                                    + " declared elsewhere with @" + annotation + "(name = \"SharedName\").");
                }
            }
            case REFERENCE -> {
                if (t.arguments().size() != 1 || t.arrayDimensions() != 0) {
                    throw site.error("A reference needs exactly one entity type argument, but the field is `" + t
                            + "`.", "Declare it as `Reference<Category> " + f.name() + ";`.");
                }
                c.referenceTarget = t.arguments().get(0).name();
            }
            default -> {
            }
        }
        c.searchable = anns.containsKey("Searchable");
        c.sortable = anns.containsKey("Sortable");
        if (c.sortable && !c.searchable) {
            throw site.error("@Sortable needs @Searchable: only searchable fields are in the Redis search index.",
                    "Add @Searchable to the field, or remove @Sortable.");
        }
        columns.add(c);
        for (AnnotationUse u : anns.getOrDefault("Unique", List.of())) {
            uniqueParts.add(indexPart(u, indexPrefix, column, site, true));
        }
        for (AnnotationUse u : anns.getOrDefault("Index", List.of())) {
            indexParts.add(indexPart(u, indexPrefix, column, site, false));
        }
        for (AnnotationUse u : anns.getOrDefault("DirtyStreamTrigger", List.of())) {
            List<String> streams = new Attributes(u, site).strings("value");
            if (streams.isEmpty()) {
                throw site.error("@DirtyStreamTrigger names no stream.",
                        "Write the stream name, e.g. @DirtyStreamTrigger(\"UserStream\").");
            }
            for (String s : streams) {
                triggers.add(new Trigger(s, column, site));
            }
        }
    }

    private ColumnKind kindOf(FieldDefinition f, DefinitionSite site, Map<String, List<AnnotationUse>> anns) {
        TypeRef t = f.type();
        String simple = t.simpleName();
        if (t.arrayDimensions() == 1 && t.name().equals("byte")) {
            return ColumnKind.BINARY;
        }
        if (t.arrayDimensions() > 0) {
            throw site.error("Java arrays like `" + t + "` are not supported as fields (only byte[]).",
                    "Use @Array(n) on a single-value field to get n numbered columns, e.g. `@Array(3) String "
                            + f.name() + ";`.");
        }
        if (!simple.equals("Reference") && !t.arguments().isEmpty()) {
            throw unsupported(f, site);
        }
        switch (simple) {
            case "byte", "Byte":
                return ColumnKind.INT8;
            case "short", "Short":
                return ColumnKind.INT16;
            case "int", "Integer":
                return anns.containsKey("MediumInt") ? ColumnKind.INT24 : ColumnKind.INT32;
            case "long", "Long":
                return ColumnKind.INT64;
            case "float", "Float":
                return anns.containsKey("Decimal") ? ColumnKind.DECIMAL : ColumnKind.FLOAT32;
            case "double", "Double":
                return anns.containsKey("Decimal") ? ColumnKind.DECIMAL : ColumnKind.FLOAT64;
            case "BigDecimal":
                if (!anns.containsKey("Decimal")) {
                    throw site.error("A BigDecimal field needs @Decimal to say its precision and scale.",
                            "Add @Decimal(precision = 10, scale = 2) (your digits) to the field.");
                }
                return ColumnKind.DECIMAL;
            case "boolean", "Boolean":
                return ColumnKind.BOOLEAN;
            case "String":
                if (anns.containsKey("Enum") && anns.containsKey("SetOf")) {
                    throw site.error("A field cannot be both @Enum and @SetOf.",
                            "Use @Enum for one value, @SetOf for any combination of values.");
                }
                if (anns.containsKey("Enum")) {
                    return ColumnKind.ENUM;
                }
                if (anns.containsKey("SetOf")) {
                    return ColumnKind.SET;
                }
                if (anns.containsKey("Length") && isMaxLength(attrs(anns, "Length", site))) {
                    return ColumnKind.TEXT;
                }
                return ColumnKind.STRING;
            case "LocalDate":
                return ColumnKind.DATE;
            case "Instant", "LocalDateTime":
                return ColumnKind.DATETIME;
            case "Reference":
                return ColumnKind.REFERENCE;
            default:
                ClassDefinition known = classes.findQuietly(t.name());
                if (known != null && !ClassLookup.isEntity(known)) {
                    throw site.error("The field's type " + simple + " is a definition class but the field is not"
                            + " marked @Embedded.", "Add @Embedded to store its fields as columns of this table.");
                }
                if (known != null) {
                    throw site.error("The field's type " + simple + " is an entity; entities are referenced, not"
                            + " stored inline.", "Declare it as `Reference<" + simple + "> " + f.name() + ";`.");
                }
                throw unsupported(f, site);
        }
    }

    private static SchemaDefinitionException unsupported(FieldDefinition f, DefinitionSite site) {
        return site.error("The field type `" + f.type() + "` is not supported.",
                "Use one of: byte, short, int, long, float, double, boolean (or their boxed types), String,"
                        + " BigDecimal (with @Decimal),"
                        + " LocalDate, Instant, LocalDateTime, byte[], Reference<Entity>, an @Embedded class,"
                        + " or mark the field @Ignore.");
    }

    private static Set<String> allowedAnnotations(ColumnKind kind, String simpleType) {
        Set<String> allowed = new java.util.HashSet<>(COMMON);
        switch (kind) {
            case INT8, INT16, INT64 -> allowed.add("Unsigned");
            case INT24, INT32 -> {
                allowed.add("Unsigned");
                allowed.add("MediumInt");
            }
            case FLOAT32, FLOAT64, DECIMAL -> {
                allowed.add("Unsigned");
                allowed.add("Decimal");
            }
            case STRING -> allowed.add("Length");
            case TEXT -> {
                allowed.add("Length");
                // MySQL can index text only by prefix; Fluxa indexes whole columns
                allowed.remove("Unique");
                allowed.remove("Index");
                allowed.remove("Searchable");
                allowed.remove("Sortable");
            }
            case ENUM -> allowed.add("Enum");
            case SET -> allowed.add("SetOf");
            case BINARY -> {
                allowed.add("Blob");
                allowed.remove("Unique");
                allowed.remove("Index");
                allowed.remove("Searchable");
                allowed.remove("Sortable");
            }
            default -> {
            }
        }
        return allowed;
    }

    private static SchemaDefinitionException misplaced(String annotation, TypeRef t, ColumnKind kind,
            DefinitionSite site) {
        String type = "`" + t + "`";
        return switch (annotation) {
            case "Length" -> site.error("@Length only applies to plain String fields, not " + type
                    + (kind == ColumnKind.ENUM || kind == ColumnKind.SET ? " with @Enum/@SetOf" : "") + ".",
                    "Remove @Length.");
            case "Unsigned" -> site.error("@Unsigned only applies to numeric fields, not " + type + ".",
                    "Remove @Unsigned.");
            case "MediumInt" -> site.error("@MediumInt only applies to int or Integer fields, not " + type + ".",
                    "Declare the field as `int`, or remove @MediumInt.");
            case "Decimal" -> site.error("@Decimal only applies to BigDecimal, double or float fields, not " + type
                    + ".", "Declare the field as `BigDecimal`, or remove @Decimal.");
            case "Enum", "SetOf" -> site.error("@" + annotation + " only applies to String fields, not " + type + ".",
                    "Declare the field as `String`; the generated accessor uses a generated Java enum.");
            case "Blob" -> site.error("@Blob only applies to byte[] fields, not " + type + ".", "Remove @Blob.");
            case "Unique", "Index", "Searchable", "Sortable" -> site.error("@" + annotation
                    + " cannot be used on " + (kind == ColumnKind.BINARY ? "binary" : "mediumtext")
                    + " columns: MySQL and Redis search cannot index whole " + type + " values.",
                    "Remove @" + annotation + ", or use a bounded type (e.g. @Length(200) String).");
            default -> site.error("@" + annotation + " cannot be used on " + type + ".",
                    "Remove @" + annotation + ".");
        };
    }

    private static boolean isMaxLength(Attributes length) {
        Object v = length.raw("value");
        if (v instanceof String s) {
            String n = s.trim();
            return n.equalsIgnoreCase("max") || n.equals("Length.MAX") || n.endsWith(".Length.MAX");
        }
        return v instanceof Number n && n.longValue() == io.fluxa.annotation.Length.MAX;
    }

    private static int lengthOf(Attributes length, DefinitionSite site) {
        if (isMaxLength(length)) {
            return 0;
        }
        Object v = length.raw("value");
        if (!(v instanceof Number)) {
            throw site.error("@Length(" + v + ") is not a number.",
                    "Write @Length(n) with n in 1.." + SqlTypes.MAX_VARCHAR_LENGTH + ", or @Length(Length.MAX).");
        }
        int n = length.integer("value", 0);
        if (n < 1 || n > SqlTypes.MAX_VARCHAR_LENGTH) {
            throw site.error("@Length(" + n + ") is out of range; a varchar holds 1.." + SqlTypes.MAX_VARCHAR_LENGTH
                    + " utf8mb4 characters.", "Use @Length(1.." + SqlTypes.MAX_VARCHAR_LENGTH
                    + "), or @Length(Length.MAX) for a mediumtext column.");
        }
        return n;
    }

    private static String blobType(Map<String, List<AnnotationUse>> anns, DefinitionSite site) {
        if (!anns.containsKey("Blob")) {
            return "blob";
        }
        String size = attrs(anns, "Blob", site).string("value", "");
        int dot = size.lastIndexOf('.');
        size = size.substring(dot + 1);
        return switch (size) {
            case "MEDIUM" -> "mediumblob";
            case "LONG" -> "longblob";
            default -> throw site.error("@Blob(" + size + ") is not a blob size.",
                    "Use @Blob(BlobSize.MEDIUM) or @Blob(BlobSize.LONG); without @Blob the column is a blob.");
        };
    }

    private static void checkEnumValues(String annotation, List<String> values, DefinitionSite site) {
        Set<String> seen = new java.util.HashSet<>();
        for (String v : values) {
            if (v.isEmpty()) {
                throw site.error("@" + annotation + " has an empty value.", "Remove \"\" from the values.");
            }
            if (!seen.add(v.toLowerCase(java.util.Locale.ROOT))) {
                throw site.error("@" + annotation + " lists \"" + v + "\" twice (MySQL compares values without case).",
                        "List each value once.");
            }
            if (v.contains("\\")) {
                throw site.error("@" + annotation + " value \"" + v.replace("\\", "\\\\") + "\" contains a backslash,"
                        + " which MySQL treats differently depending on sql_mode.", "Remove the backslash from the value.");
            }
            if (annotation.equals("SetOf") && v.contains(",")) {
                throw site.error("@SetOf value \"" + v + "\" contains a comma, which MySQL uses to separate set"
                        + " members.", "Remove the comma from the value.");
            }
        }
        if (annotation.equals("SetOf") && values.size() > 64) {
            throw site.error("@SetOf has " + values.size() + " values; a MySQL set holds at most 64.",
                    "Reduce the values, or use a separate entity.");
        }
    }

    private static IndexPart indexPart(AnnotationUse u, String prefix, String column, DefinitionSite site,
            boolean unique) {
        Attributes a = new Attributes(u, site);
        String name = a.string("name", "").trim();
        if (name.isEmpty()) {
            throw site.error("@" + u.name() + " needs a name.", "Write @" + u.name() + "(name = \"IndexName\").");
        }
        int position = a.integer("position", 1);
        if (position < 1) {
            throw site.error("@" + u.name() + "(name = \"" + name + "\") has position " + position
                    + "; positions start at 1.", "Use position = 1 for the first column, 2 for the second …");
        }
        return new IndexPart(prefix + name, position, column, unique && a.bool("cached", false), site);
    }

    private static Attributes attrs(Map<String, List<AnnotationUse>> anns, String name, DefinitionSite site) {
        List<AnnotationUse> uses = anns.get(name);
        if (uses.size() > 1) {
            throw site.error("@" + name + " is written " + uses.size() + " times.", "Write it once.");
        }
        return new Attributes(uses.get(0), site);
    }

    static Map<String, List<AnnotationUse>> annotationsByName(FieldDefinition f) {
        Map<String, List<AnnotationUse>> byName = new LinkedHashMap<>();
        for (AnnotationUse a : f.annotations()) {
            String name = simple(a.name());
            if (FIELD_ANNOTATIONS.contains(name)) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(a);
            }
        }
        return byName;
    }

    static String simple(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
