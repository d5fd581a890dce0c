package io.fluxa.sample.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/categories")
public class CategoryController {

    private final CategoryService service;
    private final CategoryProductCounter counter;

    public CategoryController(CategoryService service, CategoryProductCounter counter) {
        this.service = service;
        this.counter = counter;
    }

    /** The product count the stream listener keeps; follows product changes a moment later. */
    public record ProductCount(long categoryId, long products) {
    }

    @GetMapping("/{id}/product-count")
    public ResponseEntity<ProductCount> productCount(@PathVariable long id) {
        return ResponseEntity.of(service.byId(id).map(c -> new ProductCount(id, counter.products(id))));
    }

    @PostMapping
    public ResponseEntity<CategoryView> create(@RequestBody CategoryService.NewCategory request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(CategoryView.of(service.create(request)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<CategoryView> byId(@PathVariable long id) {
        return ResponseEntity.of(service.byId(id).map(CategoryView::of));
    }

    @GetMapping("/by-code/{code}")
    public ResponseEntity<CategoryView> byCode(@PathVariable String code) {
        return ResponseEntity.of(service.byCode(code).map(CategoryView::of));
    }
}
