package io.fluxa.sample.catalog;

import io.fluxa.orm.DatabaseEnum;
import io.fluxa.sample.model.entities.ProductEntity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A product as the API shows it, with its category. */
public record ProductView(long id, String name, BigDecimal price, String status, List<String> tags, long stock,
        long categoryId, CategoryView category, Instant createdAt, Instant updatedAt) {

    /** Reads the category through the Context, so preloaded categories cost nothing. */
    static ProductView of(ProductEntity product) {
        CategoryView category = product.getCategory().map(CategoryView::of).orElse(null);
        return new ProductView(product.getId(), product.getName(), product.getPrice(),
                product.getStatus() == null ? null : product.getStatus().databaseValue(),
                product.getTags().stream().map(DatabaseEnum::databaseValue).toList(), product.getStock(),
                product.getCategoryId(), category, product.getCreatedAt(), product.getUpdatedAt());
    }
}
