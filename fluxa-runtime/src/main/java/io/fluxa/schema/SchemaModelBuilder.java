package io.fluxa.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns definition classes into a validated {@link SchemaModel}. The single place where Fluxa
 * decides what a definition means; the code-generation plugin and the runtime both call it.
 */
public final class SchemaModelBuilder {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Pattern OPS = Pattern.compile("[IUD]{1,3}");

    private SchemaModelBuilder() {
    }

    /**
     * Builds and validates the model.
     *
     * @param classes every entity definition ({@code @FluxaEntity}) plus every class used by an
     *     {@code @Embedded} field; classes that are neither are ignored
     * @throws SchemaDefinitionException naming class, field, problem and fix on the first error
     */
    public static SchemaModel build(Collection<ClassDefinition> classes) {
        ClassLookup lookup = new ClassLookup(classes);
        Map<String, ClassDefinition> entitiesByName = new TreeMap<>();
        for (ClassDefinition c : lookup.all()) {
            if (!ClassLookup.isEntity(c)) {
                continue;
            }
            ClassDefinition previous = entitiesByName.putIfAbsent(c.simpleName(), c);
            if (previous != null) {
                throw DefinitionSite.of(c).error("Two entities are named " + c.simpleName() + " ("
                        + previous.qualifiedName() + " and " + c.qualifiedName() + "); generated classes are named"
                        + " after the entity.", "Rename one of the classes.");
            }
        }
        Map<String, EntityReader> readers = new LinkedHashMap<>();
        for (ClassDefinition c : entitiesByName.values()) {
            EntityReader reader = new EntityReader(c, lookup);
            reader.read();
            readers.put(c.simpleName(), reader);
        }
        resolveSharedEnums(readers.values());
        resolveReferences(readers.values(), lookup);

        List<EntitySchema> entities = new ArrayList<>();
        Map<String, ClassDefinition> tables = new HashMap<>();
        for (ClassDefinition c : entitiesByName.values()) {
            EntitySchema schema = entity(c, readers.get(c.simpleName()));
            String tableKey = schema.mysqlPool() + "/" + schema.table().toLowerCase(Locale.ROOT);
            ClassDefinition previous = tables.putIfAbsent(tableKey, c);
            if (previous != null) {
                throw DefinitionSite.of(c).error("Table `" + schema.table() + "` in MySQL pool \"" + schema.mysqlPool()
                        + "\" is already used by " + previous.simpleName() + ".",
                        "Give one of them another table with @FluxaEntity(table = \"...\").");
            }
            entities.add(schema);
        }
        entities.sort(Comparator.comparing(EntitySchema::entityName));
        return new SchemaModel(entities);
    }

    private static EntitySchema entity(ClassDefinition c, EntityReader reader) {
        DefinitionSite site = DefinitionSite.of(c);
        Attributes entity = new Attributes(ClassLookup.entityAnnotation(c), site);
        String table = entity.string("table", c.simpleName());
        if (table.isBlank()) {
            throw site.error("@FluxaEntity has an empty table name.",
                    "Remove the table attribute to use the class name, or write a table name.");
        }
        if (!IDENTIFIER.matcher(table).matches()) {
            throw site.error("Table name \"" + table + "\" is not a valid table name.",
                    "Use 1 to 64 letters, digits, '_' or '$'.");
        }
        String mysqlPool = entity.string("mysqlPool", "default");
        if (mysqlPool.isBlank()) {
            throw site.error("@FluxaEntity has an empty mysqlPool.",
                    "Remove mysqlPool to use the \"default\" pool, or name a registered MySQL pool.");
        }
        RedisCacheSettings redisCache = null;
        LocalCacheSettings localCache = null;
        List<DirtyStreamSchema> streams = new ArrayList<>();
        for (AnnotationUse a : c.annotations()) {
            Attributes attrs = new Attributes(a, site);
            switch (EntityReader.simple(a.name())) {
                case "RedisCache" -> {
                    String pool = nonBlank(attrs, "pool", "default", "Redis pool", site);
                    int ttl = attrs.integer("ttlSeconds", 0);
                    if (ttl < 0) {
                        throw site.error("@RedisCache ttlSeconds is " + ttl + ".",
                                "Use 0 (no expiry) or a positive number of seconds.");
                    }
                    redisCache = new RedisCacheSettings(pool, ttl);
                }
                case "LocalCache" -> {
                    String pool = nonBlank(attrs, "pool", "default", "local cache pool", site);
                    int size = attrs.integer("size", 0);
                    if (size < 0) {
                        throw site.error("@LocalCache size is " + size + ".", "Use 0 (unlimited) or a positive size.");
                    }
                    localCache = new LocalCacheSettings(pool, size);
                }
                case "DirtyStream" -> streams.add(dirtyStream(attrs, streams, site));
                case "DirtyStreams" -> throw site.error("@DirtyStreams is a container annotation that Fluxa does"
                        + " not read.", "Repeat @DirtyStream on the class instead.");
                default -> {
                }
            }
        }
        List<DirtyStreamSchema> withTriggers = new ArrayList<>();
        for (DirtyStreamSchema s : streams) {
            List<String> columns = new ArrayList<>();
            for (EntityReader.Trigger t : reader.triggers) {
                if (t.stream().equals(s.name()) && !columns.contains(t.column())) {
                    columns.add(t.column());
                }
            }
            withTriggers.add(new DirtyStreamSchema(s.name(), s.redisPool(), s.ops(), columns));
        }
        for (EntityReader.Trigger t : reader.triggers) {
            if (streams.stream().noneMatch(s -> s.name().equals(t.stream()))) {
                throw t.site().error("@DirtyStreamTrigger names stream \"" + t.stream() + "\" but "
                        + c.simpleName() + " declares no such @DirtyStream.",
                        "Add @DirtyStream(name = \"" + t.stream() + "\") to " + c.simpleName()
                                + ", or fix the stream name.");
            }
        }

        List<ColumnSchema> columns = new ArrayList<>();
        Map<String, ColumnDraft> columnNames = new HashMap<>();
        for (ColumnDraft d : reader.columns) {
            if (d.name.length() > 64) {
                throw d.site.error("Column name " + d.name + " is longer than MySQL's 64 characters.",
                        "Shorten the field name (or the @Embedded field's name that prefixes it).");
            }
            ColumnDraft clash = columnNames.putIfAbsent(d.name.toLowerCase(Locale.ROOT), d);
            if (clash != null) {
                throw d.site.error("Column " + d.name + " (from " + d.fieldPath + ") clashes with column "
                        + clash.name + " (from " + clash.fieldPath + ").",
                        "Rename one of the fields; embedded columns are prefixed with the @Embedded field's name"
                                + " and array columns are numbered.");
            }
            columns.add(d.toSchema());
        }
        Map<String, List<EntityReader.IndexPart>> uniqueGroups = group(reader.uniqueParts);
        Map<String, List<EntityReader.IndexPart>> indexGroups = group(reader.indexParts);
        List<UniqueIndexSchema> uniques = new ArrayList<>();
        for (Map.Entry<String, List<EntityReader.IndexPart>> e : uniqueGroups.entrySet()) {
            checkIndexName(e.getKey(), e.getValue(), indexGroups, "Unique");
            boolean cached = e.getValue().stream().anyMatch(EntityReader.IndexPart::cached);
            uniques.add(new UniqueIndexSchema(e.getKey(), orderedColumns(e.getKey(), e.getValue(), "Unique"), cached));
        }
        List<IndexSchema> indexes = new ArrayList<>();
        for (Map.Entry<String, List<EntityReader.IndexPart>> e : indexGroups.entrySet()) {
            checkIndexName(e.getKey(), e.getValue(), Map.of(), "Index");
            indexes.add(new IndexSchema(e.getKey(), orderedColumns(e.getKey(), e.getValue(), "Index")));
        }
        return new EntitySchema(c.simpleName(), c.qualifiedName(), table, mysqlPool, redisCache, localCache, columns,
                uniques, indexes, withTriggers, reader.softDelete, reader.createdAt, reader.updatedAt,
                stamp(table, columns));
    }

    private static DirtyStreamSchema dirtyStream(Attributes attrs, List<DirtyStreamSchema> declared,
            DefinitionSite site) {
        String name = attrs.string("name", "").trim();
        if (name.isEmpty()) {
            throw site.error("@DirtyStream needs a name.", "Write @DirtyStream(name = \"StreamName\").");
        }
        for (DirtyStreamSchema s : declared) {
            if (s.name().equals(name)) {
                throw site.error("@DirtyStream \"" + name + "\" is declared twice.", "Declare each stream once.");
            }
        }
        String ops = attrs.string("ops", "IUD").trim().toUpperCase(Locale.ROOT);
        if (!OPS.matcher(ops).matches() || ops.chars().distinct().count() != ops.length()) {
            throw site.error("@DirtyStream(name = \"" + name + "\") has ops \"" + ops + "\".",
                    "Use any of I (insert), U (update), D (delete) once each, e.g. ops = \"IUD\" or \"ID\".");
        }
        // canonical order so equal settings compare equal
        StringBuilder canonical = new StringBuilder();
        for (char op : new char[] {'I', 'U', 'D'}) {
            if (ops.indexOf(op) >= 0) {
                canonical.append(op);
            }
        }
        return new DirtyStreamSchema(name, attrs.string("pool", "").trim(), canonical.toString(), List.of());
    }

    private static String nonBlank(Attributes attrs, String key, String defaultValue, String what,
            DefinitionSite site) {
        String value = attrs.string(key, defaultValue).trim();
        if (value.isEmpty()) {
            throw site.error("The " + what + " is empty.", "Remove " + key + " to use \"default\", or name a pool.");
        }
        return value;
    }

    private static Map<String, List<EntityReader.IndexPart>> group(List<EntityReader.IndexPart> parts) {
        Map<String, List<EntityReader.IndexPart>> groups = new LinkedHashMap<>();
        for (EntityReader.IndexPart p : parts) {
            groups.computeIfAbsent(p.index(), k -> new ArrayList<>()).add(p);
        }
        return groups;
    }

    private static void checkIndexName(String name, List<EntityReader.IndexPart> parts,
            Map<String, List<EntityReader.IndexPart>> others, String annotation) {
        DefinitionSite site = parts.get(0).site();
        if (!IDENTIFIER.matcher(name).matches() || name.equalsIgnoreCase("PRIMARY")) {
            throw site.error("@" + annotation + " name \"" + name + "\" is not a usable MySQL index name.",
                    "Use 1 to 64 letters, digits or '_', and not PRIMARY.");
        }
        if (others.containsKey(name)) {
            throw site.error("\"" + name + "\" is used both as a @Unique and as an @Index name.",
                    "Give the unique index and the normal index different names.");
        }
    }

    private static List<String> orderedColumns(String name, List<EntityReader.IndexPart> parts, String annotation) {
        List<EntityReader.IndexPart> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(EntityReader.IndexPart::position));
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            EntityReader.IndexPart p = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).position() == p.position()) {
                EntityReader.IndexPart other = sorted.get(i - 1);
                throw p.site().error("@" + annotation + "(name = \"" + name + "\") uses position " + p.position()
                        + " for both " + other.column() + " and " + p.column() + ".",
                        "Give each column of index " + name + " its own position (1, 2, …).");
            }
            if (p.position() != i + 1) {
                throw p.site().error("@" + annotation + "(name = \"" + name + "\") has position " + p.position()
                        + " but index " + name + " has only " + sorted.size() + " column(s); positions run from 1"
                        + " without gaps.", "Number the columns of index " + name + " 1.." + sorted.size() + ".");
            }
            columns.add(p.column());
        }
        return columns;
    }

    private record EnumDeclaration(String kind, List<String> values, ColumnDraft column) {
    }

    private static void resolveSharedEnums(Collection<EntityReader> readers) {
        Map<String, EnumDeclaration> declared = new HashMap<>();
        for (EntityReader r : readers) {
            for (ColumnDraft c : r.columns) {
                if (c.enumName == null || c.values.isEmpty()) {
                    continue;
                }
                String kind = c.kind == ColumnKind.ENUM ? "@Enum" : "@SetOf";
                EnumDeclaration previous = declared.putIfAbsent(c.enumName, new EnumDeclaration(kind, c.values, c));
                if (previous != null && !previous.values().equals(c.values)) {
                    throw c.site.error(kind + " \"" + c.enumName + "\" is declared with values " + c.values
                            + ", but " + previous.column().site.className() + "." + previous.column().fieldPath
                            + " declares it with " + previous.values() + ".",
                            "Declare the values once and write only " + kind + "(name = \"" + c.enumName
                                    + "\") elsewhere, or use a different name.");
                }
            }
        }
        for (EntityReader r : readers) {
            for (ColumnDraft c : r.columns) {
                if (c.enumName == null || !c.values.isEmpty()) {
                    continue;
                }
                String kind = c.kind == ColumnKind.ENUM ? "@Enum" : "@SetOf";
                EnumDeclaration shared = declared.get(c.enumName);
                if (shared == null) {
                    throw c.site.error(kind + "(name = \"" + c.enumName + "\") has no values, and no other field"
                            + " declares values under that name.", "List the values here, e.g. " + kind
                            + "(name = \"" + c.enumName + "\", values = {\"a\", \"b\"}), or fix the name.");
                }
                c.values = shared.values();
            }
        }
    }

    private static void resolveReferences(Collection<EntityReader> readers, ClassLookup lookup) {
        for (EntityReader r : readers) {
            for (ColumnDraft c : r.columns) {
                if (c.kind != ColumnKind.REFERENCE) {
                    continue;
                }
                ClassDefinition target = lookup.find(c.referenceTarget, c.site, c.fieldPath);
                if (target == null) {
                    throw c.site.error("Reference target " + c.referenceTarget + " is not a known entity.",
                            "Define an entity class " + c.referenceTarget + " annotated @FluxaEntity among the"
                                    + " definitions, or fix the type argument.");
                }
                if (!ClassLookup.isEntity(target)) {
                    throw c.site.error("Reference target " + target.simpleName() + " is not an entity (no"
                            + " @FluxaEntity).", "Annotate " + target.simpleName() + " with @FluxaEntity, or use"
                            + " `@Embedded " + target.simpleName() + "` to store its fields inline.");
                }
                c.referencedEntity = target.simpleName();
            }
        }
    }

    /**
     * Version of the Redis row encoding, part of every stamp: raising it makes every entity's stamp, and
     * so every cached row key, new, so rows encoded the old way are never decoded. 2: decimals are
     * exact strings (they were doubles).
     */
    static final int ROW_ENCODING_VERSION = 2;

    /**
     * First 8 hex characters of SHA-256 over the row encoding version, the table and every column's
     * name, type and nullability.
     */
    static String stamp(String table, List<ColumnSchema> columns) {
        StringBuilder b = new StringBuilder("row-encoding ").append(ROW_ENCODING_VERSION).append('\n')
                .append(table).append('\n');
        for (ColumnSchema c : columns) {
            b.append(c.name()).append(' ').append(c.sqlType()).append(' ')
                    .append(c.nullable() ? "NULL" : "NOT NULL").append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
