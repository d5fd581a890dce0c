package io.fluxa.sample.catalog;

import io.fluxa.sample.model.entities.CategoryEntity;

/** A category as the API shows it. {@code parentId} is null for a top-level category. */
public record CategoryView(long id, String code, String name, Long parentId) {

    static CategoryView of(CategoryEntity category) {
        long parent = category.getParentId();
        return new CategoryView(category.getId(), category.getCode(), category.getName(), parent == 0 ? null : parent);
    }
}
