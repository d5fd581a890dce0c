package io.fluxa.sample.catalog;

import io.fluxa.Context;
import io.fluxa.FluxaValidationException;
import io.fluxa.Pager;
import io.fluxa.SearchResult;
import io.fluxa.Where;
import io.fluxa.orm.DatabaseEnum;
import io.fluxa.sample.model.entities.ProductEntity;
import io.fluxa.sample.model.entities.ProductProvider;
import io.fluxa.sample.model.entities.enums.ProductStatus;
import io.fluxa.sample.model.entities.enums.ProductTag;
import io.fluxa.search.RedisSearchWhere;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Products. Works on the request's Context; the auto-flush filter writes the changes when the
 * request succeeds, so nothing here calls {@code flush()}.
 */
@Service
public class ProductService {

    private final ProductProvider products;
    private final CategoryService categories;
    private final Context context;
    private final Clock clock = Clock.systemUTC();

    public ProductService(ProductProvider products, CategoryService categories, Context context) {
        this.products = products;
        this.categories = categories;
        this.context = context;
    }

    public record NewProduct(String name, BigDecimal price, Long categoryId, String status, List<String> tags,
            Long stock) {
    }

    /** Only the fields present change. */
    public record ProductChanges(String name, BigDecimal price, String status, List<String> tags, Long stock) {
    }

    public record ProductFilter(Long categoryId, String status, BigDecimal minPrice, BigDecimal maxPrice) {
    }

    /** The orders of the Redis-search product filter, by their {@code sort} parameter. */
    public enum FilterSort {
        PRICE("price"), PRICE_DESC("-price"), NEWEST("newest");

        private final String parameter;

        FilterSort(String parameter) {
            this.parameter = parameter;
        }

        static FilterSort of(String parameter) {
            for (FilterSort sort : values()) {
                if (sort.parameter.equals(parameter)) {
                    return sort;
                }
            }
            List<String> allowed = java.util.Arrays.stream(values()).map(s -> s.parameter).toList();
            throw new FluxaValidationException("Product", "sort", "'" + parameter + "' is not one of " + allowed);
        }
    }

    public ProductEntity create(NewProduct request) {
        if (request.categoryId() == null) {
            throw new FluxaValidationException("Product", "category", "required, got nothing");
        }
        ProductEntity product = products.newEntity(context);
        product.setName(request.name());
        product.setPrice(request.price() == null ? BigDecimal.ZERO : request.price());
        product.setStatus(request.status() == null ? ProductStatus.DRAFT : parse(ProductStatus.values(), "status",
                request.status()));
        product.setTags(tags(request.tags()));
        product.setStock(request.stock() == null ? 0 : request.stock());
        product.setCategory(categories.existing(request.categoryId(), "Product", "category"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        product.setCreatedAt(now);
        product.setUpdatedAt(now);
        return product;
    }

    /** The product, unless it does not exist or was deleted. */
    public Optional<ProductEntity> byId(long id) {
        return products.getById(context, id).filter(p -> !p.isFakeDelete());
    }

    public Optional<ProductEntity> update(long id, ProductChanges changes) {
        Optional<ProductEntity> found = byId(id);
        found.ifPresent(product -> {
            if (changes.name() != null) {
                product.setName(changes.name());
            }
            if (changes.price() != null) {
                product.setPrice(changes.price());
            }
            if (changes.status() != null) {
                product.setStatus(parse(ProductStatus.values(), "status", changes.status()));
            }
            if (changes.tags() != null) {
                product.setTags(tags(changes.tags()));
            }
            if (changes.stock() != null) {
                product.setStock(changes.stock());
            }
            if (product.isDirty()) {
                product.setUpdatedAt(clock.instant().truncatedTo(ChronoUnit.SECONDS));
            }
        });
        return found;
    }

    /** Soft delete: the row stays, marked deleted. False when there was nothing to delete. */
    public boolean delete(long id) {
        Optional<ProductEntity> found = byId(id);
        found.ifPresent(ProductEntity::delete);
        return found.isPresent();
    }

    /** One page of products matching {@code filter}, each with its category loaded in one batch. */
    public SearchResult<ProductEntity> search(ProductFilter filter, int page, int size) {
        // the generated column constants: a renamed field breaks this code's compile, not the query
        Where where = Where.all();
        if (filter.categoryId() != null) {
            where.and(ProductEntity.CATEGORY.eq(filter.categoryId()));
        }
        if (filter.status() != null) {
            where.and(ProductEntity.STATUS.eq(parse(ProductStatus.values(), "status", filter.status())));
        }
        if (filter.minPrice() != null) {
            where.and(ProductEntity.PRICE.ge(filter.minPrice()));
        }
        if (filter.maxPrice() != null) {
            where.and(ProductEntity.PRICE.le(filter.maxPrice()));
        }
        where.orderBy(ProductEntity.ID.asc());
        SearchResult<ProductEntity> result = products.searchWithCount(context, where, Pager.of(page, size));
        products.loadReferences(context, result.rows(), "category");
        return result;
    }

    /**
     * One page of products matching {@code filter}, in the order {@code sort} names ({@code price},
     * {@code -price} or {@code newest}), answered by the Redis search index (one script call for the
     * page and the total); the products then come through the cache tiers and their categories in one
     * batch. Soft-deleted products are not in the index.
     */
    public SearchResult<ProductEntity> filter(ProductFilter filter, String sort, int page, int size) {
        FilterSort order = FilterSort.of(sort);
        // typed conditions: the compiler checks each value against its column constant
        List<RedisSearchWhere> parts = new ArrayList<>();
        if (filter.categoryId() != null) {
            parts.add(RedisSearchWhere.eq(ProductEntity.CATEGORY, filter.categoryId()));
        }
        if (filter.status() != null) {
            parts.add(RedisSearchWhere.eq(ProductEntity.STATUS, parse(ProductStatus.values(), "status",
                    filter.status())));
        }
        if (filter.minPrice() != null) {
            parts.add(RedisSearchWhere.gte(ProductEntity.PRICE, filter.minPrice()));
        }
        if (filter.maxPrice() != null) {
            parts.add(RedisSearchWhere.lte(ProductEntity.PRICE, filter.maxPrice()));
        }
        RedisSearchWhere where = parts.isEmpty() ? RedisSearchWhere.all()
                : RedisSearchWhere.and(parts.toArray(RedisSearchWhere[]::new));
        where = switch (order) {
            case PRICE -> where.sortBy(ProductEntity.PRICE, true);
            case PRICE_DESC -> where.sortBy(ProductEntity.PRICE, false);
            case NEWEST -> where.sortBy(ProductEntity.CREATED_AT, false);
        };
        SearchResult<ProductEntity> result = products.redisSearchWithCount(context, where, Pager.of(page, size));
        products.loadReferences(context, result.rows(), "category");
        return result;
    }

    private static EnumSet<ProductTag> tags(List<String> values) {
        EnumSet<ProductTag> tags = EnumSet.noneOf(ProductTag.class);
        if (values != null) {
            for (String value : values) {
                tags.add(parse(ProductTag.values(), "tags", value));
            }
        }
        return tags;
    }

    /** The constant whose database value is {@code value}; anything else is a bad value of {@code field}. */
    private static <E extends Enum<E> & DatabaseEnum> E parse(E[] constants, String field, String value) {
        for (E constant : constants) {
            if (constant.databaseValue().equals(value)) {
                return constant;
            }
        }
        List<String> allowed = java.util.Arrays.stream(constants).map(DatabaseEnum::databaseValue).toList();
        throw new FluxaValidationException("Product", field, "'" + value + "' is not one of " + allowed);
    }
}
