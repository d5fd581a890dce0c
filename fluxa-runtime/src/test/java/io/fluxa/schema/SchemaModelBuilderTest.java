package io.fluxa.schema;

import static io.fluxa.schema.Defs.a;
import static io.fluxa.schema.Defs.entity;
import static io.fluxa.schema.Defs.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaModelBuilderTest {

    private static SchemaModel build(Defs.ClassBuilder... classes) {
        return SchemaModelBuilder.build(java.util.Arrays.stream(classes).map(Defs.ClassBuilder::build).toList());
    }

    private static ColumnSchema column(Defs.ClassBuilder entity, String column) {
        return build(entity).entities().get(0).column(column);
    }

    @Test
    void specExampleBuilds() {
        SchemaModel model = build(
                entity("app.User", a("FluxaEntity", "table", "users"), a("RedisCache", "ttlSeconds", 0),
                        a("LocalCache", "size", 10_000), a("DirtyStream", "name", "UserStream", "ops", "IUD"))
                        .field("name", "String", a("Required"), a("Length", "value", 200))
                        .field("email", "String", a("Required"), a("Unique", "name", "Email", "cached", true))
                        .field("age", "byte", a("Unsigned"))
                        .field("friends", "Integer")
                        .field("balance", "double", a("Decimal", "precision", 10, "scale", 2), a("Unsigned"))
                        .field("status", "String", a("Enum", "values", new String[] {"active", "banned"}, "name",
                                "UserStatus"), a("Required"))
                        .field("tags", "String", a("SetOf", "values", new String[] {"sale", "new"}))
                        .field("birthday", "LocalDate")
                        .field("lastLogin", "Instant")
                        .field("avatar", "byte[]")
                        .field("category", "Reference<Category>", a("Required"))
                        .field("home", "Address", a("Embedded"))
                        .field("score", "int", a("Searchable"), a("Sortable"))
                        .field("fakeDelete", "boolean")
                        .field("createdAt", "Instant")
                        .field("updatedAt", "Instant")
                        .field("scratch", "String", a("Ignore")),
                entity("app.Category").field("name", "String"),
                plain("app.Address").field("country", "String").field("city", "String"));
        EntitySchema user = model.entity("User");
        assertThat(model.entities()).extracting(EntitySchema::entityName).containsExactly("Category", "User");
        assertThat(user.table()).isEqualTo("users");
        assertThat(user.mysqlPool()).isEqualTo("default");
        assertThat(user.redisCache()).isEqualTo(new RedisCacheSettings("default", 0));
        assertThat(user.localCache()).isEqualTo(new LocalCacheSettings("default", 10_000));
        assertThat(user.dirtyStreams()).containsExactly(new DirtyStreamSchema("UserStream", "", "IUD", List.of()));
        assertThat(user.columns()).extracting(ColumnSchema::name).containsExactly("ID", "Name", "Email", "Age",
                "Friends", "Balance", "Status", "Tags", "Birthday", "LastLogin", "Avatar", "Category", "HomeCountry",
                "HomeCity", "Score", "FakeDelete", "CreatedAt", "UpdatedAt");
        assertThat(user.columns()).extracting(ColumnSchema::sqlType).containsExactly("bigint unsigned",
                "varchar(200)", "varchar(255)", "tinyint unsigned", "int", "decimal(10,2) unsigned",
                "enum('active','banned')", "set('sale','new')", "date", "datetime", "blob", "bigint unsigned",
                "varchar(255)", "varchar(255)", "int", "tinyint(1)", "datetime", "datetime");
        assertThat(user.columns()).extracting(ColumnSchema::nullable).containsExactly(false, false, false, false,
                true, false, false, true, true, true, true, false, true, true, false, false, true, true);
        assertThat(user.uniqueIndexes()).containsExactly(new UniqueIndexSchema("Email", List.of("Email"), true));
        assertThat(user.column("Category").referencedEntity()).isEqualTo("Category");
        assertThat(user.column("Tags").enumName()).isEqualTo("UserTags");
        assertThat(user.column("HomeCity").fieldPath()).isEqualTo("home.city");
        assertThat(user.column("Score").searchable()).isTrue();
        assertThat(user.softDelete()).isTrue();
        assertThat(user.createdAt()).isTrue();
        assertThat(user.updatedAt()).isTrue();
        assertThat(user.stamp()).hasSize(8);
    }

    private static void assertColumn(ColumnSchema c, ColumnKind kind, String sqlType, boolean nullable,
            boolean unsigned) {
        assertThat(c.kind()).as(c.name() + " kind").isEqualTo(kind);
        assertThat(c.sqlType()).as(c.name() + " sqlType").isEqualTo(sqlType);
        assertThat(c.nullable()).as(c.name() + " nullable").isEqualTo(nullable);
        assertThat(c.unsigned()).as(c.name() + " unsigned").isEqualTo(unsigned);
    }

    @Test
    void integerColumnsFollowTheJavaType() {
        EntitySchema e = build(entity("app.Numbers")
                .field("a", "byte").field("b", "Byte").field("c", "byte", a("Unsigned"))
                .field("d", "short").field("e", "Short", a("Unsigned")).field("f", "Short", a("Required"))
                .field("g", "int", a("MediumInt")).field("h", "Integer", a("MediumInt"), a("Unsigned"))
                .field("i", "int").field("j", "Integer").field("k", "int", a("Unsigned"))
                .field("l", "long").field("m", "Long", a("Unsigned")).field("n", "long", a("Required")))
                .entities().get(0);
        assertColumn(e.column("ID"), ColumnKind.ID, "bigint unsigned", false, true);
        assertColumn(e.column("A"), ColumnKind.INT8, "tinyint", false, false);
        assertColumn(e.column("B"), ColumnKind.INT8, "tinyint", true, false);
        assertColumn(e.column("C"), ColumnKind.INT8, "tinyint unsigned", false, true);
        assertColumn(e.column("D"), ColumnKind.INT16, "smallint", false, false);
        assertColumn(e.column("E"), ColumnKind.INT16, "smallint unsigned", true, true);
        assertColumn(e.column("F"), ColumnKind.INT16, "smallint", false, false);
        assertColumn(e.column("G"), ColumnKind.INT24, "mediumint", false, false);
        assertColumn(e.column("H"), ColumnKind.INT24, "mediumint unsigned", true, true);
        assertColumn(e.column("I"), ColumnKind.INT32, "int", false, false);
        assertColumn(e.column("J"), ColumnKind.INT32, "int", true, false);
        assertColumn(e.column("K"), ColumnKind.INT32, "int unsigned", false, true);
        assertColumn(e.column("L"), ColumnKind.INT64, "bigint", false, false);
        assertColumn(e.column("M"), ColumnKind.INT64, "bigint unsigned", true, true);
        assertColumn(e.column("N"), ColumnKind.INT64, "bigint", false, false);
        assertThat(e.column("A").javaType()).isEqualTo("byte");
        assertThat(e.column("B").javaType()).isEqualTo("Byte");
    }

    @Test
    void floatingDecimalAndBooleanColumns() {
        EntitySchema e = build(entity("app.Money")
                .field("a", "float").field("b", "Float").field("c", "double").field("d", "Double", a("Unsigned"))
                .field("e", "double", a("Decimal", "precision", 10, "scale", 2))
                .field("f", "Double", a("Decimal", "precision", 65, "scale", 30), a("Unsigned"))
                .field("g", "float", a("Decimal", "precision", 5, "scale", 0), a("Required"))
                .field("h", "boolean").field("i", "Boolean").field("j", "Boolean", a("Required"))
                .field("k", "BigDecimal", a("Decimal", "precision", 12, "scale", 4))
                .field("l", "java.math.BigDecimal", a("Decimal", "precision", 3, "scale", 1), a("Required")))
                .entities().get(0);
        assertColumn(e.column("A"), ColumnKind.FLOAT32, "float", false, false);
        assertColumn(e.column("B"), ColumnKind.FLOAT32, "float", true, false);
        assertColumn(e.column("C"), ColumnKind.FLOAT64, "double", false, false);
        assertColumn(e.column("D"), ColumnKind.FLOAT64, "double unsigned", true, true);
        assertColumn(e.column("E"), ColumnKind.DECIMAL, "decimal(10,2)", false, false);
        assertThat(e.column("E").precision()).isEqualTo(10);
        assertThat(e.column("E").scale()).isEqualTo(2);
        assertColumn(e.column("F"), ColumnKind.DECIMAL, "decimal(65,30) unsigned", true, true);
        assertColumn(e.column("G"), ColumnKind.DECIMAL, "decimal(5,0)", false, false);
        assertColumn(e.column("H"), ColumnKind.BOOLEAN, "tinyint(1)", false, false);
        assertColumn(e.column("I"), ColumnKind.BOOLEAN, "tinyint(1)", true, false);
        assertColumn(e.column("J"), ColumnKind.BOOLEAN, "tinyint(1)", false, false);
        assertColumn(e.column("K"), ColumnKind.DECIMAL, "decimal(12,4)", true, false);
        assertThat(e.column("K").javaType()).isEqualTo("BigDecimal");
        assertColumn(e.column("L"), ColumnKind.DECIMAL, "decimal(3,1)", false, false);
    }

    @Test
    void stringDateBinaryEnumSetAndReferenceColumns() {
        SchemaModel model = build(entity("app.Doc")
                .field("a", "String").field("b", "String", a("Required"))
                .field("c", "String", a("Length", "value", 200)).field("d", "String", a("Length", "value", 16383))
                .field("e", "String", a("Length", "value", "MAX")).field("f", "String", a("Length", "value", -1),
                        a("Required"))
                .field("g", "LocalDate").field("h", "java.time.Instant", a("Required")).field("i", "LocalDateTime")
                .field("j", "byte[]").field("k", "byte[]", a("Blob", "value", "MEDIUM"))
                .field("l", "byte[]", a("Blob", "value", "LONG"), a("Required"))
                .field("m", "String", a("Enum", "value", new String[] {"x", "y"}))
                .field("n", "String", a("SetOf", "values", "only"), a("Required"))
                .field("o", "Reference<Doc>").field("p", "Reference<app.Doc>", a("Required")),
                entity("other.Doc2"));
        EntitySchema e = model.entity("Doc");
        assertColumn(e.column("A"), ColumnKind.STRING, "varchar(255)", true, false);
        assertThat(e.column("A").length()).isEqualTo(255);
        assertColumn(e.column("B"), ColumnKind.STRING, "varchar(255)", false, false);
        assertColumn(e.column("C"), ColumnKind.STRING, "varchar(200)", true, false);
        assertThat(e.column("C").length()).isEqualTo(200);
        assertColumn(e.column("D"), ColumnKind.STRING, "varchar(16383)", true, false);
        assertColumn(e.column("E"), ColumnKind.TEXT, "mediumtext", true, false);
        assertThat(e.column("E").length()).isZero();
        assertColumn(e.column("F"), ColumnKind.TEXT, "mediumtext", false, false);
        assertColumn(e.column("G"), ColumnKind.DATE, "date", true, false);
        assertColumn(e.column("H"), ColumnKind.DATETIME, "datetime", false, false);
        assertThat(e.column("H").javaType()).isEqualTo("Instant");
        assertColumn(e.column("I"), ColumnKind.DATETIME, "datetime", true, false);
        assertThat(e.column("I").javaType()).isEqualTo("LocalDateTime");
        assertColumn(e.column("J"), ColumnKind.BINARY, "blob", true, false);
        assertThat(e.column("J").javaType()).isEqualTo("byte[]");
        assertColumn(e.column("K"), ColumnKind.BINARY, "mediumblob", true, false);
        assertColumn(e.column("L"), ColumnKind.BINARY, "longblob", false, false);
        assertColumn(e.column("M"), ColumnKind.ENUM, "enum('x','y')", true, false);
        assertThat(e.column("M").values()).containsExactly("x", "y");
        assertThat(e.column("M").enumName()).isEqualTo("DocM");
        assertColumn(e.column("N"), ColumnKind.SET, "set('only')", false, false);
        assertColumn(e.column("O"), ColumnKind.REFERENCE, "bigint unsigned", true, false);
        assertThat(e.column("O").referencedEntity()).isEqualTo("Doc");
        assertThat(e.column("O").javaType()).isEqualTo("Reference");
        assertColumn(e.column("P"), ColumnKind.REFERENCE, "bigint unsigned", false, false);
    }

    @Test
    void embeddedClassesAreFlattenedWithPrefixes() {
        EntitySchema e = build(
                entity("app.Shop").field("home", "Address", a("Embedded")).field("work", "app.Address", a("Embedded")),
                plain("app.Address").field("country", "String", a("Required")).field("geo", "Geo", a("Embedded")),
                plain("app.Geo").field("lat", "double").field("lng", "double", a("Index", "name", "Lng")))
                .entities().get(0);
        assertThat(e.columns()).extracting(ColumnSchema::name).containsExactly("ID", "HomeCountry", "HomeGeoLat",
                "HomeGeoLng", "WorkCountry", "WorkGeoLat", "WorkGeoLng");
        assertThat(e.columns()).extracting(ColumnSchema::fieldPath).containsExactly("id", "home.country",
                "home.geo.lat", "home.geo.lng", "work.country", "work.geo.lat", "work.geo.lng");
        assertThat(e.column("HomeCountry").nullable()).isFalse();
        // indexes declared in an embedded class exist once per embedding, named with the column prefix
        assertThat(e.indexes()).containsExactly(new IndexSchema("HomeGeoLng", List.of("HomeGeoLng")),
                new IndexSchema("WorkGeoLng", List.of("WorkGeoLng")));
    }

    @Test
    void arraysBecomeNumberedColumns() {
        EntitySchema e = build(
                entity("app.Person").field("alias", "String", a("Array", "value", 3))
                        .field("status", "String", a("Array", "value", 2),
                                a("Enum", "values", new String[] {"a", "b"}))
                        .field("address", "Address", a("Array", "value", 2), a("Embedded")),
                plain("app.Address").field("city", "String"))
                .entities().get(0);
        assertThat(e.columns()).extracting(ColumnSchema::name).containsExactly("ID", "Alias1", "Alias2", "Alias3",
                "Status1", "Status2", "Address1City", "Address2City");
        assertThat(e.columns()).extracting(ColumnSchema::fieldPath).containsExactly("id", "alias[0]", "alias[1]",
                "alias[2]", "status[0]", "status[1]", "address[0].city", "address[1].city");
        assertThat(e.column("Status2").enumName()).isEqualTo("PersonStatus");
    }

    @Test
    void enumsAndSetsAreSharedByName() {
        SchemaModel model = build(
                entity("app.Order").field("status", "String", a("Enum", "name", "Status"))
                        .field("tags", "String", a("SetOf", "name", "Tags")),
                entity("app.User").field("status", "String",
                        a("Enum", "name", "Status", "values", new String[] {"on", "off"}))
                        .field("again", "String", a("Enum", "name", "Status", "values", new String[] {"on", "off"})),
                entity("app.Shop").field("tags", "String", a("SetOf", "name", "Tags", "values", new String[] {"t"})));
        assertThat(model.entity("Order").column("Status").values()).containsExactly("on", "off");
        assertThat(model.entity("Order").column("Status").sqlType()).isEqualTo("enum('on','off')");
        assertThat(model.entity("Order").column("Status").enumName()).isEqualTo("Status");
        assertThat(model.entity("Order").column("Tags").sqlType()).isEqualTo("set('t')");
    }

    @Test
    void uniqueAndNormalIndexesCollectColumnsByPosition() {
        EntitySchema e = build(entity("app.Person")
                .field("first", "String", a("Unique", "name", "FullName", "position", 2),
                        a("Index", "name", "ByFirst"))
                .field("last", "String", a("Unique", "name", "FullName", "position", 1, "cached", true),
                        a("Unique", "name", "Last"))
                .field("age", "int", a("Index", "name", "AgeFirst"))
                .field("again", "String", a("Index", "name", "AgeFirst", "position", 2)))
                .entities().get(0);
        assertThat(e.uniqueIndexes()).containsExactly(
                new UniqueIndexSchema("FullName", List.of("Last", "First"), true),
                new UniqueIndexSchema("Last", List.of("Last"), false));
        assertThat(e.indexes()).containsExactly(new IndexSchema("ByFirst", List.of("First")),
                new IndexSchema("AgeFirst", List.of("Age", "Again")));
    }

    @Test
    void cacheSettingsStreamsAndTriggers() {
        EntitySchema e = build(entity("app.User", a("FluxaEntity", "mysqlPool", "users"),
                a("RedisCache", "pool", "cache", "ttlSeconds", 60), a("LocalCache", "pool", "local"),
                a("DirtyStream", "name", "Audit", "pool", "streams", "ops", "DI"), a("DirtyStream", "name", "Other"))
                .field("name", "String", a("DirtyStreamTrigger", "value", "Audit"))
                .field("email", "String", a("DirtyStreamTrigger", "value", new String[] {"Audit", "Other"})))
                .entities().get(0);
        assertThat(e.mysqlPool()).isEqualTo("users");
        assertThat(e.table()).isEqualTo("User");
        assertThat(e.redisCache()).isEqualTo(new RedisCacheSettings("cache", 60));
        assertThat(e.localCache()).isEqualTo(new LocalCacheSettings("local", 0));
        assertThat(e.dirtyStreams()).containsExactly(
                new DirtyStreamSchema("Audit", "streams", "ID", List.of("Name", "Email")),
                new DirtyStreamSchema("Other", "", "IUD", List.of("Email")));
        EntitySchema plainOne = build(entity("app.Plain")).entities().get(0);
        assertThat(plainOne.redisCache()).isNull();
        assertThat(plainOne.localCache()).isNull();
        assertThat(plainOne.softDelete()).isFalse();
        assertThat(plainOne.createdAt()).isFalse();
        assertThat(plainOne.updatedAt()).isFalse();
        assertThat(plainOne.searchable()).isFalse();
    }

    @Test
    void timestampsMayBeLocalDateTimeAndIgnoredFieldsVanish() {
        EntitySchema e = build(entity("app.Log").field("createdAt", "LocalDateTime")
                .field("scratch", "java.util.Map", a("Ignore"))
                .field("note", "String", a("Ignore"), a("Length", "value", 0)))
                .entities().get(0);
        assertThat(e.createdAt()).isTrue();
        assertThat(e.updatedAt()).isFalse();
        assertThat(e.columns()).extracting(ColumnSchema::name).containsExactly("ID", "CreatedAt");
    }

    @Test
    void unknownAnnotationsAreLeftAlone() {
        EntitySchema e = build(entity("app.Log").field("note", "String", a("Deprecated"), a("Nullable"))
                .annotate(a("SuppressWarnings", "value", "unused"))).entities().get(0);
        assertThat(e.column("Note").nullable()).isTrue();
    }

    @Test
    void stampChangesWithAnyColumnChangeAndIsStableOtherwise() {
        String base = stampOf(entity("app.S").field("name", "String"));
        assertThat(stampOf(entity("app.S").field("name", "String"))).isEqualTo(base);
        assertThat(base).matches("[0-9a-f]{8}");
        // searchable/indexes do not change the row layout
        assertThat(stampOf(entity("app.S").field("name", "String", a("Index", "name", "N")))).isEqualTo(base);
        assertThat(stampOf(entity("app.S").field("name", "String", a("Required")))).isNotEqualTo(base);
        assertThat(stampOf(entity("app.S").field("name", "String", a("Length", "value", 100)))).isNotEqualTo(base);
        assertThat(stampOf(entity("app.S").field("title", "String"))).isNotEqualTo(base);
        assertThat(stampOf(entity("app.S").field("name", "String").field("age", "int"))).isNotEqualTo(base);
        assertThat(stampOf(entity("app.S", a("FluxaEntity", "table", "s2")).field("name", "String")))
                .isNotEqualTo(base);
        assertThat(stampOf(entity("app.S").field("name", "String", a("Enum", "values", "a"))))
                .isNotEqualTo(stampOf(entity("app.S").field("name", "String", a("Enum", "values", "b"))));
    }

    private static String stampOf(Defs.ClassBuilder entity) {
        return build(entity).entities().get(0).stamp();
    }

    @Test
    void outputIsSortedAndDeterministic() {
        List<ClassDefinition> classes = List.of(entity("b.Zebra").build(), entity("a.Ant").build(),
                entity("c.Mole").build(), plain("c.Unrelated").field("x", "Object").build());
        SchemaModel first = SchemaModelBuilder.build(classes);
        List<ClassDefinition> reversed = new java.util.ArrayList<>(classes);
        java.util.Collections.reverse(reversed);
        SchemaModel second = SchemaModelBuilder.build(reversed);
        assertThat(first.entities()).extracting(EntitySchema::entityName).containsExactly("Ant", "Mole", "Zebra");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void emptyInputGivesAnEmptyModel() {
        assertThat(SchemaModelBuilder.build(List.of()).entities()).isEmpty();
    }
}
