package io.fluxa.sample.catalog;

import io.fluxa.Context;
import io.fluxa.FluxaValidationException;
import io.fluxa.sample.model.entities.CategoryEntity;
import io.fluxa.sample.model.entities.CategoryProvider;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Categories. Works on the request's Context; the auto-flush filter writes the changes when the
 * request succeeds, so nothing here calls {@code flush()}.
 */
@Service
public class CategoryService {

    private final CategoryProvider categories;
    private final Context context;

    public CategoryService(CategoryProvider categories, Context context) {
        this.categories = categories;
        this.context = context;
    }

    public record NewCategory(String code, String name, Long parentId) {
    }

    public CategoryEntity create(NewCategory request) {
        CategoryEntity category = categories.newEntity(context);
        category.setCode(request.code());
        category.setName(request.name());
        if (request.parentId() != null) {
            category.setParent(existing(request.parentId(), "Category", "parent"));
        }
        return category;
    }

    public Optional<CategoryEntity> byId(long id) {
        return categories.getById(context, id);
    }

    public Optional<CategoryEntity> byCode(String code) {
        return categories.getByIndexCode(context, code);
    }

    /**
     * The category {@code id}, about to be referenced by {@code field} of {@code entity}; a missing
     * one is a bad value of that field (400 naming it), not a foreign-key failure at flush.
     */
    CategoryEntity existing(long id, String entity, String field) {
        return categories.getById(context, id).orElseThrow(() -> new FluxaValidationException(entity, field,
                "no category with id " + id));
    }
}
