package io.fluxa.codegen;

import io.fluxa.schema.ColumnKind;
import io.fluxa.schema.ColumnSchema;
import io.fluxa.schema.DirtyStreamSchema;
import io.fluxa.schema.EntitySchema;
import io.fluxa.schema.IndexSchema;
import io.fluxa.schema.LocalCacheSettings;
import io.fluxa.schema.RedisCacheSettings;
import io.fluxa.schema.SchemaModel;
import io.fluxa.schema.UniqueIndexSchema;

import java.util.ArrayList;
import java.util.List;

/** Hand-built schemas covering every column kind, so generator tests do not need the schema builder. */
final class GeneratorFixtures {

    private GeneratorFixtures() {
    }

    static ColumnSchema column(String name, String path, String javaType, ColumnKind kind, String sqlType,
            boolean nullable) {
        return new ColumnSchema(name, path, javaType, kind, sqlType, nullable, sqlType.contains("unsigned"),
                0, 0, 0, List.of(), null, null, false, false);
    }

    static ColumnSchema string(String name, String path, int length, boolean nullable) {
        return new ColumnSchema(name, path, "String", ColumnKind.STRING, "varchar(" + length + ")", nullable, false,
                length, 0, 0, List.of(), null, null, false, false);
    }

    static ColumnSchema reference(String name, String path, String target, boolean nullable) {
        return new ColumnSchema(name, path, "Reference", ColumnKind.REFERENCE, "bigint unsigned", nullable, true, 0,
                0, 0, List.of(), null, target, false, false);
    }

    static ColumnSchema id() {
        return column("ID", "id", "long", ColumnKind.ID, "bigint unsigned", false);
    }

    /** {@code e} with the stamp the runtime derives from its table and columns. */
    static EntitySchema stamped(EntitySchema e) {
        EntitySchema.Builder rebuilt = EntitySchema.builder(e.entityName(), e.definitionClass(), e.table());
        e.columns().forEach(rebuilt::column);
        return new EntitySchema(e.entityName(), e.definitionClass(), e.table(), e.mysqlPool(), e.redisCache(),
                e.localCache(), e.columns(), e.uniqueIndexes(), e.indexes(), e.dirtyStreams(), e.softDelete(),
                e.createdAt(), e.updatedAt(), rebuilt.build().stamp());
    }

    /**
     * An entity whose names are as long as real projects make them, so tests see the generated lines
     * wrap: a long package, a long entity name, long embedded field paths and many enum values. (An
     * entity name of up to 30 characters keeps the provider's class declaration within 120.)
     */
    static EntitySchema longNames() {
        List<ColumnSchema> columns = new ArrayList<>();
        columns.add(id());
        columns.add(string("ShippingAddressSecondaryContactPersonName", "shippingAddress.secondaryContact.personName",
                120, true));
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            values.add("value number " + i);
        }
        columns.add(new ColumnSchema("FulfilmentWorkflowState", "fulfilmentWorkflowState", "String", ColumnKind.ENUM,
                io.fluxa.schema.ColumnSchema.of("X", "x", "String", ColumnKind.ENUM)
                        .values(values.toArray(String[]::new)).sqlType(),
                false, false, 0, 0, 0, values, "FulfilmentWorkflowStateOfTheOrder", null, false, false));
        columns.add(new ColumnSchema("OutstandingBalanceInAccountCurrency", "outstandingBalanceInAccountCurrency",
                "BigDecimal", ColumnKind.DECIMAL, "decimal(65,30) unsigned", false, true, 0, 65, 30, List.of(), null,
                null, false, false));
        columns.add(reference("PreferredWarehouseForInternationalShipments1",
                "preferredWarehouseForInternationalShipments[0]", "InternationalCustomerAccount", true));
        columns.add(string("AlternativeDeliveryInstructionLines1", "alternativeDeliveryInstructionLines[0]", 500,
                true));
        columns.add(string("AlternativeDeliveryInstructionLines2", "alternativeDeliveryInstructionLines[1]", 500,
                true));
        return stamped(new EntitySchema("InternationalCustomerAccount",
                "com.example.enterprise.commerce.customers.accounts.settings.InternationalCustomerAccountSettings",
                "international_customer_account_settings", "customers", new RedisCacheSettings("customers", 86_400),
                null, columns,
                List.of(new UniqueIndexSchema("ShippingContactAndWorkflowState",
                        List.of("ShippingAddressSecondaryContactPersonName", "FulfilmentWorkflowState",
                                "OutstandingBalanceInAccountCurrency", "PreferredWarehouseForInternationalShipments1"),
                        true)),
                List.of(), List.of(), false, false, false, "x"));
    }

    static SchemaModel model() {
        EntitySchema category = stamped(new EntitySchema("Category", "com.acme.model.Category", "categories", "default",
                new RedisCacheSettings("default", 0), new LocalCacheSettings("default", 1000),
                List.of(id(), string("Code", "code", 10, false), string("Name", "name", 100, false),
                        reference("Parent", "parent", "Category", true)),
                List.of(new UniqueIndexSchema("Code", List.of("Code"), true)), List.of(), List.of(), false, false,
                false, "c1"));
        List<ColumnSchema> columns = new ArrayList<>();
        columns.add(id());
        columns.add(string("Name", "name", 200, false));
        columns.add(string("Email", "email", 255, true));
        columns.add(column("Tiny", "tiny", "byte", ColumnKind.INT8, "tinyint", false));
        columns.add(column("TinyU", "tinyU", "byte", ColumnKind.INT8, "tinyint unsigned", false));
        columns.add(column("Small", "small", "short", ColumnKind.INT16, "smallint", false));
        columns.add(column("SmallU", "smallU", "short", ColumnKind.INT16, "smallint unsigned", false));
        columns.add(column("Medium", "medium", "int", ColumnKind.INT24, "mediumint", false));
        columns.add(column("MediumU", "mediumU", "int", ColumnKind.INT24, "mediumint unsigned", false));
        columns.add(column("Int", "int_", "int", ColumnKind.INT32, "int", false));
        columns.add(column("IntU", "intU", "int", ColumnKind.INT32, "int unsigned", false));
        columns.add(column("Big", "big", "long", ColumnKind.INT64, "bigint", false));
        columns.add(column("BigU", "bigU", "long", ColumnKind.INT64, "bigint unsigned", false));
        columns.add(column("Friends", "friends", "Integer", ColumnKind.INT32, "int", true));
        columns.add(column("Active", "active", "boolean", ColumnKind.BOOLEAN, "tinyint(1)", false));
        columns.add(column("Verified", "verified", "Boolean", ColumnKind.BOOLEAN, "tinyint(1)", true));
        columns.add(column("Ratio", "ratio", "float", ColumnKind.FLOAT32, "float", false));
        columns.add(column("Score", "score", "Double", ColumnKind.FLOAT64, "double", true));
        columns.add(new ColumnSchema("Balance", "balance", "double", ColumnKind.DECIMAL, "decimal(10,2) unsigned",
                false, true, 0, 10, 2, List.of(), null, null, false, false));
        columns.add(new ColumnSchema("Amount", "amount", "BigDecimal", ColumnKind.DECIMAL, "decimal(30,10)",
                true, false, 0, 30, 10, List.of(), null, null, true, true));
        columns.add(new ColumnSchema("Bio", "bio", "String", ColumnKind.TEXT, "mediumtext", true, false, 0, 0, 0,
                List.of(), null, null, false, false));
        columns.add(column("Birthday", "birthday", "LocalDate", ColumnKind.DATE, "date", true));
        columns.add(column("LastLogin", "lastLogin", "Instant", ColumnKind.DATETIME, "datetime", true));
        columns.add(column("Local", "local", "LocalDateTime", ColumnKind.DATETIME, "datetime", true));
        columns.add(column("Avatar", "avatar", "byte[]", ColumnKind.BINARY, "blob", true));
        columns.add(column("Photo", "photo", "byte[]", ColumnKind.BINARY, "mediumblob", false));
        columns.add(new ColumnSchema("Status", "status", "String", ColumnKind.ENUM, "enum('active','banned','on sale')",
                false, false, 0, 0, 0, List.of("active", "banned", "on sale"), "ProductStatus", null, false, false));
        columns.add(new ColumnSchema("Tags", "tags", "String", ColumnKind.SET, "set('sale','new')", true, false, 0, 0,
                0, List.of("sale", "new"), null, null, false, false));
        columns.add(reference("Category", "category", "Category", false));
        columns.add(string("HomeCity", "home.city", 40, true));
        columns.add(string("HomeCountry", "home.country", 40, true));
        columns.add(string("Alias1", "alias[0]", 20, true));
        columns.add(string("Alias2", "alias[1]", 20, true));
        columns.add(string("Addresses1City", "addresses[0].city", 30, true));
        columns.add(string("Addresses2City", "addresses[1].city", 30, true));
        columns.add(reference("Related1", "related[0]", "Category", true));
        columns.add(reference("Related2", "related[1]", "Category", true));
        columns.add(column("Scores1", "scores[0]", "int", ColumnKind.INT32, "int", false));
        columns.add(column("Scores2", "scores[1]", "int", ColumnKind.INT32, "int", false));
        columns.add(column("FakeDelete", "fakeDelete", "boolean", ColumnKind.BOOLEAN, "tinyint(1)", false));
        columns.add(column("CreatedAt", "createdAt", "Instant", ColumnKind.DATETIME, "datetime", true));
        columns.add(column("UpdatedAt", "updatedAt", "Instant", ColumnKind.DATETIME, "datetime", true));
        EntitySchema product = stamped(new EntitySchema("Product", "com.acme.model.Product", "products", "default",
                new RedisCacheSettings("default", 3600), null, columns,
                List.of(new UniqueIndexSchema("Email", List.of("Email"), true),
                        new UniqueIndexSchema("NameCategory", List.of("Name", "Category"), false)),
                List.of(new IndexSchema("Big", List.of("Big"))),
                List.of(new DirtyStreamSchema("Audit", "default", "IUD", List.of("Name", "Status"))), true, true, true,
                "p1"));
        return new SchemaModel(List.of(category, product));
    }
}
