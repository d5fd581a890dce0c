package io.fluxa.schema;

import static io.fluxa.schema.Defs.a;
import static io.fluxa.schema.Defs.entity;
import static io.fluxa.schema.Defs.entityWithoutId;
import static io.fluxa.schema.Defs.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every definition error: which class and field it names, what it says is wrong, and the fix. */
class SchemaValidationTest {

    private static SchemaDefinitionException error(Defs.ClassBuilder... classes) {
        List<ClassDefinition> definitions = Arrays.stream(classes).map(Defs.ClassBuilder::build).toList();
        SchemaDefinitionException e = catchThrowableOfType(SchemaDefinitionException.class,
                () -> SchemaModelBuilder.build(definitions));
        assertThat(e).as("expected a definition error").isNotNull();
        assertThat(e.fix()).isNotBlank();
        assertThat(e.getMessage()).contains(" Fix: " + e.fix());
        return e;
    }

    private static void expect(SchemaDefinitionException e, String className, String field, String problem,
            String fix) {
        assertThat(e.className()).isEqualTo(className);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(problem);
        assertThat(e.fix()).contains(fix);
        String prefix = field == null ? className + ": " : className + "." + field + ": ";
        assertThat(e.getMessage()).contains(prefix);
    }

    private static SchemaDefinitionException fieldError(String type, AnnotationUse... annotations) {
        return error(entity("app.User").field("x", type, annotations));
    }

    @Test
    void messageStartsWithTheSourcePosition() {
        SchemaDefinitionException e = fieldError("String", a("Sortable"));
        assertThat(e.position()).isEqualTo(new SourcePosition("app/User.java", 11));
        assertThat(e.getMessage()).startsWith("app/User.java:11: User.x: @Sortable needs @Searchable");
    }

    @Test
    void idIsRequiredAndMustBeALong() {
        expect(error(entityWithoutId("app.User").field("name", "String")), "User", null,
                "The entity has no id field.", "Add the primary key field `long id;` to User.");
        expect(error(entityWithoutId("app.User").field("id", "Long")), "User", "id",
                "declared as `Long`", "Declare it as `long id;`.");
        expect(error(entityWithoutId("app.User").field("id", "int")), "User", "id", "declared as `int`",
                "`long id;`");
        expect(error(entityWithoutId("app.User").field("id", "long", a("Unsigned"))), "User", "id",
                "@Unsigned cannot be used on the id field", "Remove @Unsigned from `id`.");
        // an ignored id does not count
        expect(error(entityWithoutId("app.User").field("id", "long", a("Ignore"))), "User", null,
                "no id field", "`long id;`");
    }

    @Test
    void uniqueIndexPositionsMustBeDistinctAndContiguous() {
        expect(error(entity("app.User").field("first", "String", a("Unique", "name", "Name"))
                .field("last", "String", a("Unique", "name", "Name"))), "User", "last",
                "@Unique(name = \"Name\") uses position 1 for both First and Last.",
                "Give each column of index Name its own position");
        expect(error(entity("app.User").field("first", "String", a("Index", "name", "Name", "position", 2))),
                "User", "first", "has position 2 but index Name has only 1 column(s)",
                "Number the columns of index Name 1..1.");
        expect(fieldError("String", a("Unique", "name", "N", "position", 0)), "User", "x",
                "has position 0; positions start at 1", "position = 1");
        expect(fieldError("String", a("Unique", "name", " ")), "User", "x", "@Unique needs a name.",
                "@Unique(name = \"IndexName\")");
        expect(fieldError("String", a("Index")), "User", "x", "@Index needs a name.", "@Index(name = \"IndexName\")");
    }

    @Test
    void indexNamesMustBeUsable() {
        expect(error(entity("app.User").field("a", "String", a("Unique", "name", "Same"))
                .field("b", "String", a("Index", "name", "Same"))), "User", "a",
                "\"Same\" is used both as a @Unique and as an @Index name.", "different names");
        expect(fieldError("String", a("Index", "name", "primary")), "User", "x",
                "@Index name \"primary\" is not a usable MySQL index name.", "not PRIMARY");
        expect(fieldError("String", a("Unique", "name", "has space")), "User", "x",
                "@Unique name \"has space\" is not a usable MySQL index name.", "letters, digits or '_'");
    }

    @Test
    void sortableNeedsSearchable() {
        expect(fieldError("int", a("Sortable")), "User", "x",
                "@Sortable needs @Searchable", "Add @Searchable to the field, or remove @Sortable.");
    }

    @Test
    void referencesMustPointAtEntities() {
        expect(error(entity("app.User").field("group", "Reference<Group>")), "User", "group",
                "Reference target Group is not a known entity.", "Define an entity class Group annotated @FluxaEntity");
        expect(error(entity("app.User").field("group", "Reference<Group>"), plain("app.Group")), "User", "group",
                "Reference target Group is not an entity (no @FluxaEntity).", "Annotate Group with @FluxaEntity");
        expect(error(entity("app.User").field("group", "Reference")), "User", "group",
                "A reference needs exactly one entity type argument", "`Reference<Category> group;`");
        expect(error(entity("app.User").field("group", "Group"), entity("app.Group")), "User", "group",
                "The field's type Group is an entity", "Declare it as `Reference<Group> group;`.");
    }

    @Test
    void enumsNeedValues() {
        expect(fieldError("String", a("Enum")), "User", "x", "@Enum has no values and no shared name.",
                "@Enum(values = {\"a\", \"b\"})");
        expect(fieldError("String", a("SetOf", "values", new String[0])), "User", "x",
                "@SetOf has no values and no shared name.", "@SetOf(name = \"SharedName\")");
        expect(fieldError("String", a("Enum", "name", "Color")), "User", "x",
                "@Enum(name = \"Color\") has no values, and no other field declares values under that name.",
                "List the values here");
    }

    @Test
    void sharedEnumsCannotDisagree() {
        expect(error(entity("app.A").field("color", "String",
                        a("Enum", "name", "Color", "values", new String[] {"red", "blue"})),
                entity("app.B").field("color", "String", a("Enum", "name", "Color", "values", new String[] {"red"}))),
                "B", "color", "@Enum \"Color\" is declared with values [red], but A.color declares it with [red, blue].",
                "Declare the values once and write only @Enum(name = \"Color\") elsewhere");
    }

    @Test
    void enumValuesMustBeUsable() {
        expect(fieldError("String", a("Enum", "values", new String[] {"a", "A"})), "User", "x",
                "@Enum lists \"A\" twice", "List each value once.");
        expect(fieldError("String", a("Enum", "values", new String[] {""})), "User", "x", "@Enum has an empty value.",
                "Remove \"\"");
        expect(fieldError("String", a("SetOf", "values", new String[] {"a,b"})), "User", "x",
                "@SetOf value \"a,b\" contains a comma", "Remove the comma");
        expect(fieldError("String", a("Enum", "values", new String[] {"a\\b"})), "User", "x",
                "contains a backslash", "Remove the backslash");
        String[] tooMany = new String[65];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = "v" + i;
        }
        expect(fieldError("String", a("SetOf", "values", tooMany)), "User", "x", "@SetOf has 65 values",
                "Reduce the values");
        expect(fieldError("String", a("Enum", "values", "a"), a("SetOf", "values", "a")), "User", "x",
                "A field cannot be both @Enum and @SetOf.", "Use @Enum for one value");
    }

    @Test
    void unsupportedTypes() {
        for (String type : List.of("char", "Object", "List<String>", "Character")) {
            expect(fieldError(type), "User", "x", "The field type `" + type + "` is not supported.",
                    "Use one of: byte, short, int, long, float, double, boolean");
        }
        expect(fieldError("int[]"), "User", "x", "Java arrays like `int[]` are not supported",
                "Use @Array(n)");
    }

    @Test
    void lengthRules() {
        expect(fieldError("int", a("Length", "value", 10)), "User", "x",
                "@Length only applies to plain String fields, not `int`.", "Remove @Length.");
        expect(fieldError("String", a("Length", "value", 0)), "User", "x",
                "@Length(0) is out of range; a varchar holds 1..16383 utf8mb4 characters.",
                "@Length(Length.MAX) for a mediumtext column");
        expect(fieldError("String", a("Length", "value", 16384)), "User", "x", "@Length(16384) is out of range",
                "Use @Length(1..16383)");
        expect(fieldError("String", a("Length", "value", 65535)), "User", "x", "@Length(65535) is out of range",
                "Use @Length(1..16383)");
        expect(fieldError("String", a("Length", "value", "lots")), "User", "x", "@Length(lots) is not a number.",
                "@Length(Length.MAX)");
        expect(fieldError("String", a("Enum", "values", "a"), a("Length", "value", 5)), "User", "x",
                "@Length only applies to plain String fields, not `String` with @Enum/@SetOf.", "Remove @Length.");
    }

    @Test
    void decimalRules() {
        expect(fieldError("double", a("Decimal", "precision", 0, "scale", 0)), "User", "x",
                "@Decimal precision 0 is out of range; MySQL allows 1..65 digits.", "@Decimal(precision = 1..65");
        expect(fieldError("double", a("Decimal", "precision", 66, "scale", 2)), "User", "x",
                "@Decimal precision 66 is out of range", "precision = 1..65");
        expect(fieldError("double", a("Decimal", "precision", 5, "scale", 6)), "User", "x",
                "@Decimal scale 6 is out of range; it must be 0..30 and not more than the precision (5).",
                "Use a scale between 0 and 5.");
        expect(fieldError("double", a("Decimal", "precision", 40, "scale", 31)), "User", "x",
                "@Decimal scale 31 is out of range", "between 0 and 30");
        expect(fieldError("int", a("Decimal", "precision", 5, "scale", 2)), "User", "x",
                "@Decimal only applies to BigDecimal, double or float fields, not `int`.",
                "Declare the field as `BigDecimal`");
        expect(fieldError("java.math.BigDecimal"), "User", "x",
                "A BigDecimal field needs @Decimal to say its precision and scale.",
                "Add @Decimal(precision = 10, scale = 2)");
    }

    @Test
    void annotationsThatDoNotFitTheType() {
        expect(fieldError("String", a("Unsigned")), "User", "x",
                "@Unsigned only applies to numeric fields, not `String`.", "Remove @Unsigned.");
        expect(fieldError("boolean", a("Unsigned")), "User", "x", "@Unsigned only applies to numeric fields",
                "Remove @Unsigned.");
        expect(fieldError("long", a("MediumInt")), "User", "x",
                "@MediumInt only applies to int or Integer fields, not `long`.", "Declare the field as `int`");
        expect(fieldError("int", a("Enum", "values", "a")), "User", "x",
                "@Enum only applies to String fields, not `int`.", "Declare the field as `String`");
        expect(fieldError("Long", a("SetOf", "values", "a")), "User", "x",
                "@SetOf only applies to String fields, not `Long`.", "Declare the field as `String`");
        expect(fieldError("String", a("Blob", "value", "MEDIUM")), "User", "x",
                "@Blob only applies to byte[] fields, not `String`.", "Remove @Blob.");
        expect(fieldError("byte[]", a("Blob", "value", "HUGE")), "User", "x", "@Blob(HUGE) is not a blob size.",
                "@Blob(BlobSize.MEDIUM)");
        expect(fieldError("byte[]", a("Unique", "name", "U")), "User", "x",
                "@Unique cannot be used on binary columns", "Remove @Unique");
        expect(fieldError("String", a("Length", "value", "MAX"), a("Index", "name", "I")), "User", "x",
                "@Index cannot be used on mediumtext columns", "use a bounded type (e.g. @Length(200) String)");
        expect(fieldError("String", a("Length", "value", 5), a("Length", "value", 6)), "User", "x",
                "@Length is written 2 times.", "Write it once.");
        expect(fieldError("String", a("Uniques")), "User", "x", "@Uniques is a container annotation",
                "Repeat @Unique on the field instead.");
    }

    @Test
    void attributeValuesOfTheWrongType() {
        expect(fieldError("String", a("Array", "value", "three")), "User", "x",
                "@Array(value = three) is not an int.", "Write value as an int literal.");
        expect(fieldError("String", a("Unique", "name", "U", "cached", "yes")), "User", "x",
                "@Unique(cached = yes) is not true or false.", "true or false");
        expect(fieldError("String", a("Enum", "values", 5)), "User", "x", "is not a list of strings.",
                "a list of strings");
    }

    @Test
    void arraysNeedAtLeastOneColumn() {
        expect(fieldError("String", a("Array", "value", 0)), "User", "x", "@Array(0) must be at least 1.",
                "Use @Array(n) with n >= 1");
    }

    @Test
    void embeddedRules() {
        expect(error(entity("app.User").field("home", "Address", a("Embedded"))), "User", "home",
                "@Embedded class Address was not found among the definition classes.",
                "Define class Address next to the entity definitions");
        expect(error(entity("app.User").field("home", "Address"), plain("app.Address")), "User", "home",
                "The field's type Address is a definition class but the field is not marked @Embedded.",
                "Add @Embedded");
        expect(error(entity("app.User").field("home", "Group", a("Embedded")), entity("app.Group")), "User", "home",
                "Group is an entity and cannot be embedded.", "Use `Reference<Group> home;`");
        expect(error(entity("app.User").field("home", "Address", a("Embedded"), a("Required")),
                plain("app.Address")), "User", "home", "@Required cannot be used on an @Embedded field.",
                "Put @Required on the fields of Address instead.");
        expect(error(entity("app.User").field("home", "String", a("Embedded"))), "User", "home",
                "@Embedded needs a definition class, but the field is `String`.", "or remove @Embedded");
        expect(error(entity("app.User").field("home", "int", a("Embedded"))), "User", "home",
                "@Embedded needs a definition class, but the field is `int`.", "`@Embedded Address home;`");
        SchemaDefinitionException cycle = error(entity("app.User").field("home", "Address", a("Embedded")),
                plain("app.Address").field("next", "Address", a("Embedded")));
        expect(cycle, "Address", "next", "(embedded as User.home) @Embedded Address contains itself",
                "Break the cycle");
        // errors inside an embedded class name that class and the path it is used under
        expect(error(entity("app.User").field("home", "Address", a("Embedded")),
                plain("app.Address").field("zip", "int", a("Length", "value", 5))), "Address", "zip",
                "(embedded as User.home) @Length only applies to plain String fields", "Remove @Length.");
    }

    @Test
    void columnNamesMustNotClash() {
        expect(error(entity("app.User").field("homeCity", "String").field("home", "Address", a("Embedded")),
                plain("app.Address").field("city", "String")), "Address", "city",
                "Column HomeCity (from home.city) clashes with column HomeCity (from homeCity).", "Rename one of the fields");
        expect(error(entity("app.User").field("alias1", "String").field("alias", "String", a("Array", "value", 2))),
                "User", "alias", "Column Alias1 (from alias[0]) clashes with column Alias1 (from alias1).",
                "array columns are numbered");
        expect(error(entity("app.User").field("name", "String").field("Name", "String")), "User", "Name",
                "Column Name (from Name) clashes with column Name (from name).", "Rename one of the fields");
        String longName = "a".repeat(65);
        expect(error(entity("app.User").field(longName, "String")), "User", longName,
                "is longer than MySQL's 64 characters.", "Shorten the field name");
    }

    @Test
    void tablesAndPools() {
        expect(error(entity("app.User", a("FluxaEntity", "table", "people")),
                entity("app.Person", a("FluxaEntity", "table", "People"))), "User", null,
                "Table `people` in MySQL pool \"default\" is already used by Person.",
                "@FluxaEntity(table = \"...\")");
        // the same table name in two pools is fine
        assertThat(SchemaModelBuilder.build(List.of(entity("app.User", a("FluxaEntity", "table", "people")).build(),
                entity("app.Person", a("FluxaEntity", "table", "people", "mysqlPool", "other")).build()))
                .entities()).hasSize(2);
        expect(error(entity("app.User", a("FluxaEntity", "table", ""))), "User", null,
                "@FluxaEntity has an empty table name.", "Remove the table attribute to use the class name");
        expect(error(entity("app.User", a("FluxaEntity", "table", "my table"))), "User", null,
                "Table name \"my table\" is not a valid table name.", "Use 1 to 64 letters");
        expect(error(entity("app.User", a("FluxaEntity", "mysqlPool", " "))), "User", null,
                "@FluxaEntity has an empty mysqlPool.", "name a registered MySQL pool");
        expect(error(entity("app.User"), entity("other.User")), "User", null,
                "Two entities are named User (app.User and other.User)", "Rename one of the classes.");
        expect(error(entity("app.User"), entity("app.User")), "User", null,
                "The class app.User was given twice.", "Pass each definition class once.");
    }

    @Test
    void cachesAndStreams() {
        expect(error(entity("app.User", a("RedisCache", "ttlSeconds", -1))), "User", null,
                "@RedisCache ttlSeconds is -1.", "Use 0 (no expiry)");
        expect(error(entity("app.User", a("RedisCache", "pool", ""))), "User", null, "The Redis pool is empty.",
                "Remove pool to use \"default\"");
        expect(error(entity("app.User", a("LocalCache", "size", -5))), "User", null, "@LocalCache size is -5.",
                "Use 0 (unlimited)");
        expect(error(entity("app.User", a("DirtyStream"))), "User", null, "@DirtyStream needs a name.",
                "@DirtyStream(name = \"StreamName\")");
        expect(error(entity("app.User", a("DirtyStream", "name", "S"), a("DirtyStream", "name", "S"))), "User",
                null, "@DirtyStream \"S\" is declared twice.", "Declare each stream once.");
        expect(error(entity("app.User", a("DirtyStream", "name", "S", "ops", "IX"))), "User", null,
                "@DirtyStream(name = \"S\") has ops \"IX\".", "Use any of I (insert), U (update), D (delete)");
        expect(error(entity("app.User", a("DirtyStream", "name", "S", "ops", "II"))), "User", null,
                "has ops \"II\"", "once each");
        expect(error(entity("app.User", a("DirtyStream", "name", "S")).field("name", "String",
                a("DirtyStreamTrigger", "value", "T"))), "User", "name",
                "@DirtyStreamTrigger names stream \"T\" but User declares no such @DirtyStream.",
                "Add @DirtyStream(name = \"T\") to User");
        expect(error(entity("app.User").field("name", "String", a("DirtyStreamTrigger", "value", new String[0]))),
                "User", "name", "@DirtyStreamTrigger names no stream.", "@DirtyStreamTrigger(\"UserStream\")");
        expect(error(entity("app.User", a("DirtyStreams"))), "User", null, "@DirtyStreams is a container annotation",
                "Repeat @DirtyStream on the class instead.");
    }

    @Test
    void specialFieldsHaveFixedTypes() {
        expect(fieldErrorNamed("fakeDelete", "Boolean"), "User", "fakeDelete",
                "`fakeDelete` turns on soft delete and must be a primitive boolean, not `Boolean`.",
                "Declare it as `boolean fakeDelete;`");
        expect(fieldErrorNamed("createdAt", "LocalDate"), "User", "createdAt",
                "`createdAt` is maintained automatically and must be an Instant or LocalDateTime, not `LocalDate`.",
                "Declare it as `Instant createdAt;`");
        expect(fieldErrorNamed("updatedAt", "long"), "User", "updatedAt", "not `long`",
                "Declare it as `Instant updatedAt;`");
    }

    private static SchemaDefinitionException fieldErrorNamed(String name, String type) {
        return error(entity("app.User").field(name, type));
    }

    @Test
    void ambiguousSimpleNamesAskForTheQualifiedName() {
        expect(error(entity("app.User").field("home", "Address", a("Embedded")), plain("x.Address"),
                plain("y.Address")), "User", "home", "The type Address matches several definition classes",
                "Write the qualified class name in field `home`.");
        // the declaring class's own package wins
        SchemaModel model = SchemaModelBuilder.build(List.of(
                entity("app.User").field("home", "Address", a("Embedded")).build(),
                plain("app.Address").field("street", "String").build(),
                plain("y.Address").field("zip", "String").build()));
        assertThat(model.entity("User").column("HomeStreet")).isNotNull();
    }
}
