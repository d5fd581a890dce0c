package com.example.shop;

import com.example.shop.entities.CategoryProvider;
import com.example.shop.entities.UserProvider;
import com.example.shop.entities.enums.UserStatus;
import io.fluxa.EntityModel;
import io.fluxa.schema.EntitySchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedModelTest {

    private static EntityModel model() {
        List<EntityModel> models = ServiceLoader.load(EntityModel.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertEquals(1, models.size(), "one generated model registered through META-INF/services");
        return models.get(0);
    }

    @Test
    void theGeneratedModelIsFoundThroughServiceLoader() {
        EntityModel model = model();

        assertEquals("com.example.shop.entities.FluxaModel", model.getClass().getName());
        assertEquals(List.of("Category", "User"),
                model.schema().entities().stream().map(EntitySchema::entityName).toList());
    }

    @Test
    void theModelCarriesTheSchemaBuiltFromTheDefinitions() {
        EntitySchema user = model().schema().entity("User");

        assertEquals("users", user.table());
        assertEquals("varchar(200)", user.column("Name").sqlType());
        assertEquals("tinyint unsigned", user.column("Age").sqlType());
        assertNotNull(user.column("HomeCity"));
        assertEquals("Category", user.column("Category").referencedEntity());
        assertEquals(List.of("active", "banned"), user.column("Status").values());
        assertTrue(user.softDelete());
        assertNotNull(user.redisCache());
        assertEquals("categories", model().schema().entity("Category").table());
    }

    @Test
    void theModelListsOneProviderPerEntity() {
        List<Object> providers = model().providers();

        assertEquals(2, providers.size());
        assertInstanceOf(CategoryProvider.class, providers.get(0));
        assertInstanceOf(UserProvider.class, providers.get(1));
    }

    @Test
    void enumsAreGeneratedForEnumFields() {
        assertEquals(List.of(UserStatus.ACTIVE, UserStatus.BANNED), List.of(UserStatus.values()));
    }
}
