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
                count = FieldRules.attrs(anns, "Array", site).integer("value", 0);
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
        ColumnKind kind = FieldRules.kindOf(f, site, anns, classes);
        Set<String> allowed = FieldRules.allowedAnnotations(kind, simple);
        for (String a : anns.keySet()) {
            if (!allowed.contains(a)) {
                throw FieldRules.misplaced(a, t, kind, site);
            }
        }
        ColumnDraft c = new ColumnDraft(column, path, javaType, kind, site);
        c.nullable = !primitive && !anns.containsKey("Required");
        c.unsigned = anns.containsKey("Unsigned");
        switch (kind) {
            case STRING, TEXT -> {
                int length = 255;
                if (anns.containsKey("Length")) {
                    length = FieldRules.lengthOf(FieldRules.attrs(anns, "Length", site), site);
                }
                c.length = kind == ColumnKind.STRING ? length : 0;
            }
            case DECIMAL -> {
                Attributes d = FieldRules.attrs(anns, "Decimal", site);
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
            case BINARY -> c.blobType = FieldRules.blobType(anns, site);
            case ENUM, SET -> {
                String annotation = kind == ColumnKind.ENUM ? "Enum" : "SetOf";
                Attributes e = FieldRules.attrs(anns, annotation, site);
                List<String> values = new ArrayList<>(e.strings("values"));
                if (values.isEmpty()) {
                    values.addAll(e.strings("value"));
                }
                String name = e.string("name", "").trim();
                c.enumName = name.isEmpty() ? entity.simpleName() + enumBase : name;
                c.values = List.copyOf(values);
                FieldRules.checkEnumValues(annotation, c.values, site);
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
            uniqueParts.add(FieldRules.indexPart(u, indexPrefix, column, site, true));
        }
        for (AnnotationUse u : anns.getOrDefault("Index", List.of())) {
            indexParts.add(FieldRules.indexPart(u, indexPrefix, column, site, false));
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
