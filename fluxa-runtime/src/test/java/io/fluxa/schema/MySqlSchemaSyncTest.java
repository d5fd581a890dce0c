package io.fluxa.schema;

import static io.fluxa.schema.Defs.a;
import static io.fluxa.schema.Defs.entity;
import static io.fluxa.schema.Defs.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxa.FluxaException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MySqlSchemaSyncTest {

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = new TestDatabase("fluxa_schema_sync");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        db.close();
    }

    private MySqlSchemaSync sync(Map<String, List<String>> ignored, Defs.ClassBuilder... classes) {
        SchemaModel model = SchemaModelBuilder.build(Arrays.stream(classes).map(Defs.ClassBuilder::build).toList());
        return new MySqlSchemaSync(model.entities(), Map.of("default", db.pool("default")), ignored);
    }

    private MySqlSchemaSync sync(Defs.ClassBuilder... classes) {
        return sync(Map.of(), classes);
    }

    /** Applies everything and proves that asking again gives nothing. */
    private List<Alter> applyAndSettle(Defs.ClassBuilder... classes) {
        List<Alter> ran = sync(classes).apply(true);
        assertThat(sync(classes).alters()).as("alters after applying %s", ran).isEmpty();
        return ran;
    }

    private static List<String> sql(List<Alter> alters) {
        return alters.stream().map(Alter::sql).toList();
    }

    private static Defs.ClassBuilder everyKind() {
        return entity("app.Everything")
                .field("i8", "byte").field("u8", "byte", a("Unsigned")).field("n8", "Byte")
                .field("i16", "short").field("u16", "Short", a("Unsigned"), a("Required"))
                .field("i24", "int", a("MediumInt")).field("u24", "Integer", a("MediumInt"), a("Unsigned"))
                .field("i32", "int").field("u32", "int", a("Unsigned")).field("n32", "Integer")
                .field("i64", "long").field("u64", "long", a("Unsigned")).field("n64", "Long")
                .field("f32", "float").field("nf32", "Float").field("f64", "double")
                .field("uf64", "double", a("Unsigned")).field("nf64", "Double")
                .field("price", "double", a("Decimal", "precision", 10, "scale", 2))
                .field("uprice", "Double", a("Decimal", "precision", 12, "scale", 4), a("Unsigned"))
                .field("flag", "boolean").field("maybe", "Boolean")
                .field("name", "String").field("code", "String", a("Length", "value", 20), a("Required"))
                .field("body", "String", a("Length", "value", "MAX"))
                .field("requiredBody", "String", a("Length", "value", -1), a("Required"))
                .field("born", "LocalDate").field("bornRequired", "LocalDate", a("Required"))
                .field("seen", "Instant").field("seenLocal", "LocalDateTime", a("Required"))
                .field("data", "byte[]").field("medium", "byte[]", a("Blob", "value", "MEDIUM"))
                .field("large", "byte[]", a("Blob", "value", "BlobSize.LONG"), a("Required"))
                .field("status", "String", a("Enum", "values", new String[] {"on", "off", "it's"}))
                .field("state", "String", a("Enum", "values", new String[] {"new", "old"}), a("Required"))
                .field("tags", "String", a("SetOf", "values", new String[] {"a", "b"}))
                .field("tagsRequired", "String", a("SetOf", "values", new String[] {"x", "y"}), a("Required"))
                .field("alias", "String", a("Array", "value", 2))
                .field("home", "Address", a("Embedded"))
                .field("fakeDelete", "boolean");
    }

    @Test
    void everyColumnKindRoundTrips() throws SQLException {
        List<Alter> ran = applyAndSettle(everyKind(), plain("app.Address").field("city", "String"));
        assertThat(ran).hasSize(1);
        assertThat(ran.get(0).sql()).startsWith("CREATE TABLE `Everything` (`ID` bigint unsigned NOT NULL"
                + " AUTO_INCREMENT, `I8` tinyint NOT NULL DEFAULT 0,").endsWith(
                        "PRIMARY KEY (`ID`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
        assertThat(ran.get(0).safe()).isTrue();
        // the server agrees with the model on every column type and nullability
        SchemaModel model = SchemaModelBuilder.build(List.of(everyKind().build(),
                plain("app.Address").field("city", "String").build()));
        List<List<String>> live = db.rows("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = '" + db.name() + "' AND TABLE_NAME = 'Everything' ORDER BY ORDINAL_POSITION");
        List<ColumnSchema> columns = model.entity("Everything").columns();
        assertThat(live).hasSize(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            assertThat(live.get(i).get(0)).isEqualTo(columns.get(i).name());
            assertThat(SqlTypes.normalize(live.get(i).get(1))).isEqualTo(columns.get(i).sqlType());
            assertThat(live.get(i).get(2)).isEqualTo(columns.get(i).nullable() ? "YES" : "NO");
        }
    }

    @Test
    void notNullColumnsCanBeAddedToATableWithRows() throws SQLException {
        applyAndSettle(entity("app.Item").field("name", "String"));
        db.exec("INSERT INTO `Item` (`Name`) VALUES ('first')");
        List<Alter> ran = applyAndSettle(entity("app.Item").field("name", "String")
                .field("count", "int").field("code", "String", a("Required"))
                .field("state", "String", a("Enum", "values", new String[] {"new", "old"}), a("Required"))
                .field("day", "LocalDate", a("Required")).field("at", "Instant", a("Required"))
                .field("body", "String", a("Length", "value", -1), a("Required")));
        assertThat(sql(ran)).containsExactly(
                "ALTER TABLE `Item` ADD COLUMN `Count` int NOT NULL DEFAULT 0 AFTER `Name`",
                "ALTER TABLE `Item` ADD COLUMN `Code` varchar(255) NOT NULL DEFAULT '' AFTER `Count`",
                "ALTER TABLE `Item` ADD COLUMN `State` enum('new','old') NOT NULL DEFAULT 'new' AFTER `Code`",
                "ALTER TABLE `Item` ADD COLUMN `Day` date NOT NULL DEFAULT '1970-01-01' AFTER `State`",
                "ALTER TABLE `Item` ADD COLUMN `At` datetime NOT NULL DEFAULT '1970-01-01 00:00:00' AFTER `Day`",
                "ALTER TABLE `Item` ADD COLUMN `Body` mediumtext NOT NULL AFTER `At`");
        assertThat(db.rows("SELECT `Name`, `Count`, `Code`, `State`, `Day`, `Body` FROM `Item`"))
                .containsExactly(List.of("first", "0", "", "new", "1970-01-01", ""));
    }

    @Test
    void wideningATypeIsSafeAndNarrowingIsNot() {
        applyAndSettle(entity("app.Item").field("age", "byte").field("name", "String", a("Length", "value", 100)));
        List<Alter> widen = sync(entity("app.Item").field("age", "int")
                .field("name", "String", a("Length", "value", 200))).alters();
        assertThat(widen).containsExactly(
                new Alter("ALTER TABLE `Item` CHANGE COLUMN `Age` `Age` int NOT NULL DEFAULT 0", "default", true),
                new Alter("ALTER TABLE `Item` CHANGE COLUMN `Name` `Name` varchar(200) NULL", "default", true));
        applyAndSettle(entity("app.Item").field("age", "int").field("name", "String", a("Length", "value", 200)));

        Defs.ClassBuilder narrower = entity("app.Item").field("age", "short").field("name", "String",
                a("Length", "value", 50), a("Required"));
        List<Alter> narrow = sync(narrower).alters();
        assertThat(narrow).extracting(Alter::safe).containsExactly(false, false);
        assertThat(sync(narrower).apply(false)).isEmpty();
        assertThat(sync(narrower).alters()).isEqualTo(narrow);
        assertThat(sync(narrower).apply(true)).isEqualTo(narrow);
        assertThat(sync(narrower).alters()).isEmpty();
    }

    @Test
    void changingEnumValues() {
        applyAndSettle(entity("app.Item").field("state", "String", a("Enum", "values", new String[] {"a", "b"})));
        Defs.ClassBuilder appended = entity("app.Item")
                .field("state", "String", a("Enum", "values", new String[] {"a", "b", "c"}));
        assertThat(sync(appended).alters()).extracting(Alter::safe).containsExactly(true);
        applyAndSettle(appended);
        Defs.ClassBuilder removed = entity("app.Item")
                .field("state", "String", a("Enum", "values", new String[] {"a", "c"}));
        assertThat(sync(removed).alters()).extracting(Alter::safe).containsExactly(false);
        applyAndSettle(removed);
    }

    @Test
    void indexesAndUniqueIndexesAreAddedChangedAndDropped() {
        applyAndSettle(entity("app.Item").field("name", "String").field("age", "int"));
        Defs.ClassBuilder indexed = entity("app.Item")
                .field("name", "String", a("Unique", "name", "Name"), a("Index", "name", "NameAge"))
                .field("age", "int", a("Index", "name", "NameAge", "position", 2));
        assertThat(sql(sync(indexed).alters())).containsExactly(
                "ALTER TABLE `Item` ADD UNIQUE INDEX `Name` (`Name`)",
                "ALTER TABLE `Item` ADD INDEX `NameAge` (`Name`, `Age`)");
        applyAndSettle(indexed);

        Defs.ClassBuilder changed = entity("app.Item")
                .field("name", "String", a("Unique", "name", "Name"), a("Index", "name", "NameAge", "position", 2))
                .field("age", "int", a("Unique", "name", "Name", "position", 2), a("Index", "name", "NameAge"));
        assertThat(sql(sync(changed).alters())).containsExactly(
                "ALTER TABLE `Item` DROP INDEX `Name`, ADD UNIQUE INDEX `Name` (`Name`, `Age`)",
                "ALTER TABLE `Item` DROP INDEX `NameAge`, ADD INDEX `NameAge` (`Age`, `Name`)");
        applyAndSettle(changed);

        Defs.ClassBuilder plainAgain = entity("app.Item").field("name", "String").field("age", "int");
        assertThat(sync(plainAgain).alters()).extracting(Alter::safe).containsOnly(true).hasSize(2);
        applyAndSettle(plainAgain);
    }

    @Test
    void droppingAColumnIsUnsafe() throws SQLException {
        applyAndSettle(entity("app.Item").field("name", "String").field("old", "int"));
        Defs.ClassBuilder without = entity("app.Item").field("name", "String");
        assertThat(sync(without).alters())
                .containsExactly(new Alter("ALTER TABLE `Item` DROP COLUMN `Old`", "default", false));
        assertThat(sync(without).apply(false)).isEmpty();
        assertThat(db.rows("SHOW COLUMNS FROM `Item`")).hasSize(3);
        applyAndSettle(without);
        assertThat(db.rows("SHOW COLUMNS FROM `Item`")).hasSize(2);
    }

    @Test
    void referencesGetAnIndexAndAForeignKey() throws SQLException {
        Defs.ClassBuilder category = entity("app.Category").field("name", "String");
        List<Alter> ran = applyAndSettle(category,
                entity("app.Product").field("category", "Reference<Category>", a("Required"))
                        .field("parent", "Reference<Product>"));
        assertThat(sql(ran)).containsExactly(
                "CREATE TABLE `Category` (`ID` bigint unsigned NOT NULL AUTO_INCREMENT, `Name` varchar(255) NULL,"
                        + " PRIMARY KEY (`ID`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
                "CREATE TABLE `Product` (`ID` bigint unsigned NOT NULL AUTO_INCREMENT, `Category` bigint unsigned"
                        + " NOT NULL, `Parent` bigint unsigned NULL, PRIMARY KEY (`ID`), INDEX `FK_Category`"
                        + " (`Category`), INDEX `FK_Parent` (`Parent`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
                        + " COLLATE=utf8mb4_unicode_ci",
                "ALTER TABLE `Product` ADD CONSTRAINT `FK_Product_Category` FOREIGN KEY (`Category`) REFERENCES"
                        + " `Category` (`ID`)",
                "ALTER TABLE `Product` ADD CONSTRAINT `FK_Product_Parent` FOREIGN KEY (`Parent`) REFERENCES"
                        + " `Product` (`ID`)");
        assertThatThrownBy(() -> db.exec("INSERT INTO `Product` (`Category`) VALUES (42)"))
                .hasMessageContaining("foreign key constraint");

        // a reference added later to an existing table, covered by a declared index: no extra index
        Defs.ClassBuilder withOwner = entity("app.Category").field("name", "String")
                .field("owner", "Reference<Category>", a("Index", "name", "OwnerName"))
                .field("ownerName", "String", a("Index", "name", "OwnerName", "position", 2));
        List<Alter> added = applyAndSettle(withOwner,
                entity("app.Product").field("category", "Reference<Category>", a("Required"))
                        .field("parent", "Reference<Product>"));
        assertThat(sql(added)).containsExactly(
                "ALTER TABLE `Category` ADD COLUMN `Owner` bigint unsigned NULL AFTER `Name`",
                "ALTER TABLE `Category` ADD COLUMN `OwnerName` varchar(255) NULL AFTER `Owner`",
                "ALTER TABLE `Category` ADD INDEX `OwnerName` (`Owner`, `OwnerName`)",
                "ALTER TABLE `Category` ADD CONSTRAINT `FK_Category_Owner` FOREIGN KEY (`Owner`) REFERENCES"
                        + " `Category` (`ID`)");

        // removing a reference drops its foreign key before its column
        List<Alter> removed = applyAndSettle(category, entity("app.Product").field("parent", "Reference<Product>"));
        assertThat(sql(removed)).containsExactly(
                "ALTER TABLE `Category` DROP FOREIGN KEY `FK_Category_Owner`",
                "ALTER TABLE `Product` DROP FOREIGN KEY `FK_Product_Category`",
                "ALTER TABLE `Category` DROP INDEX `OwnerName`",
                "ALTER TABLE `Product` DROP INDEX `FK_Category`",
                "ALTER TABLE `Category` DROP COLUMN `Owner`",
                "ALTER TABLE `Category` DROP COLUMN `OwnerName`",
                "ALTER TABLE `Product` DROP COLUMN `Category`");
    }

    @Test
    void changingAReferenceColumnRecreatesItsForeignKey() {
        Defs.ClassBuilder category = entity("app.Category");
        applyAndSettle(category, entity("app.Product").field("category", "Reference<Category>"));
        List<Alter> ran = applyAndSettle(category,
                entity("app.Product").field("category", "Reference<Category>", a("Required")));
        assertThat(sql(ran)).containsExactly(
                "ALTER TABLE `Product` DROP FOREIGN KEY `FK_Product_Category`",
                "ALTER TABLE `Product` CHANGE COLUMN `Category` `Category` bigint unsigned NOT NULL",
                "ALTER TABLE `Product` ADD CONSTRAINT `FK_Product_Category` FOREIGN KEY (`Category`) REFERENCES"
                        + " `Category` (`ID`)");
        assertThat(ran.get(1).safe()).isFalse();
    }

    @Test
    void tablesThatAreNotEntitiesAreDroppedUnlessIgnored() throws SQLException {
        db.exec("CREATE TABLE `legacy` (`id` int)");
        db.exec("CREATE TABLE `flyway_schema_history` (`id` int)");
        Defs.ClassBuilder item = entity("app.Item");
        Map<String, List<String>> ignored = Map.of("default", List.of("FLYWAY_schema_history"));
        List<Alter> alters = sync(ignored, item).alters();
        assertThat(alters).containsExactly(
                new Alter("CREATE TABLE `Item` (`ID` bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`ID`))"
                        + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci", "default", true),
                new Alter("DROP TABLE `legacy`", "default", false));
        sync(ignored, item).apply(false);
        assertThat(sync(ignored, item).alters()).containsExactly(new Alter("DROP TABLE `legacy`", "default", false));
        sync(ignored, item).apply(true);
        assertThat(sync(ignored, item).alters()).isEmpty();
        assertThat(db.rows("SHOW TABLES")).containsExactlyInAnyOrder(List.of("Item"), List.of("flyway_schema_history"));
    }

    @Test
    void droppedEntityTableWithForeignKeysGoesAfterItsKeys() {
        Defs.ClassBuilder category = entity("app.Category");
        applyAndSettle(category, entity("app.Product").field("category", "Reference<Category>"));
        // Product stays, Category is no longer an entity: the key into Category must go first
        List<Alter> ran = applyAndSettle(entity("app.Product").field("category", "Long"));
        assertThat(sql(ran)).containsExactly(
                "ALTER TABLE `Product` DROP FOREIGN KEY `FK_Product_Category`",
                "ALTER TABLE `Product` CHANGE COLUMN `Category` `Category` bigint NULL",
                "ALTER TABLE `Product` DROP INDEX `FK_Category`",
                "DROP TABLE `Category`");
    }

    @Test
    void charsetAndCollationAreConverted() throws SQLException {
        db.exec("CREATE TABLE `Item` (`ID` bigint(20) unsigned NOT NULL AUTO_INCREMENT, `Name` varchar(255) NULL,"
                + " `Age` tinyint(3) unsigned NOT NULL DEFAULT 0, PRIMARY KEY (`ID`))"
                + " ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci");
        Defs.ClassBuilder item = entity("app.Item").field("name", "String").field("age", "byte", a("Unsigned"));
        assertThat(sql(sync(item).alters())).containsExactly(
                "ALTER TABLE `Item` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        applyAndSettle(item);

        // one column with another collation is put back to the table's
        db.exec("ALTER TABLE `Item` MODIFY `Name` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL");
        assertThat(sql(sync(item).alters())).containsExactly(
                "ALTER TABLE `Item` CHANGE COLUMN `Name` `Name` varchar(255) NULL");
        applyAndSettle(item);

        // a configured collation wins over the server default
        SchemaModel model = SchemaModelBuilder.build(List.of(item.build()));
        MySqlSchemaSync general = new MySqlSchemaSync(model.entities(), Map.of("default", db.pool("default")),
                Map.of(), Map.of("default", "utf8mb4_general_ci"));
        assertThat(sql(general.alters())).containsExactly(
                "ALTER TABLE `Item` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        general.apply(true);
        assertThat(general.alters()).isEmpty();
    }

    @Test
    void handWrittenTablesWithDisplayWidthsNeedNoAlters() throws SQLException {
        db.exec("CREATE TABLE `Item` (`ID` bigint(20) unsigned NOT NULL AUTO_INCREMENT, `Flag` tinyint(1) NOT NULL,"
                + " `Small` smallint(6) NOT NULL, `Medium` mediumint(8) unsigned NOT NULL, `Big` bigint(20) NULL,"
                + " `Num` INT(11) NOT NULL, PRIMARY KEY (`ID`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
                + " COLLATE=utf8mb4_unicode_ci");
        assertThat(sync(entity("app.Item").field("flag", "boolean").field("small", "short")
                .field("medium", "int", a("MediumInt"), a("Unsigned")).field("big", "Long").field("num", "int"))
                .alters()).isEmpty();
    }

    @Test
    void aColumnWrittenInAnotherCaseIsRenamedNotRecreated() throws SQLException {
        db.exec("CREATE TABLE `Item` (`ID` bigint unsigned NOT NULL AUTO_INCREMENT, `name` varchar(255) NULL,"
                + " PRIMARY KEY (`ID`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
        db.exec("INSERT INTO `Item` (`name`) VALUES ('kept')");
        Defs.ClassBuilder item = entity("app.Item").field("name", "String");
        assertThat(sync(item).alters()).containsExactly(
                new Alter("ALTER TABLE `Item` CHANGE COLUMN `name` `Name` varchar(255) NULL", "default", true));
        applyAndSettle(item);
        assertThat(db.rows("SELECT `Name` FROM `Item`")).containsExactly(List.of("kept"));
    }

    @Test
    void anEngineOtherThanInnoDbIsChanged() throws SQLException {
        db.exec("CREATE TABLE `Item` (`ID` bigint unsigned NOT NULL AUTO_INCREMENT, PRIMARY KEY (`ID`))"
                + " ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
        assertThat(sql(sync(entity("app.Item")).alters())).containsExactly("ALTER TABLE `Item` ENGINE=InnoDB");
        applyAndSettle(entity("app.Item"));
    }

    @Test
    void anUnregisteredPoolIsNamed() {
        SchemaModel model = SchemaModelBuilder.build(List.of(entity("app.Item", a("FluxaEntity", "mysqlPool", "shop"))
                .build()));
        assertThatThrownBy(() -> new MySqlSchemaSync(model.entities(), Map.of("default", db.pool("default")), Map.of()))
                .isInstanceOf(FluxaException.class)
                .hasMessageContaining("Item").hasMessageContaining("\"shop\"").hasMessageContaining("[default]");
    }
}
