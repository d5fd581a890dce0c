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
}
