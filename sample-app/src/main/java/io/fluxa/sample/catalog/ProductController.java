package io.fluxa.sample.catalog;

import io.fluxa.SearchResult;
import io.fluxa.sample.model.entities.ProductEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

@RestController
@RequestMapping("/api/products")
public class ProductController {

    static final int MAX_PAGE_SIZE = 100;

    private final ProductService service;
    private final ProductVisits visits;

    public ProductController(ProductService service, ProductVisits visits) {
        this.service = service;
        this.visits = visits;
    }

    public record VisitCount(long productId, long visits) {
    }

    public record ProductPage(long total, List<ProductView> items) {
    }

    @PostMapping
    public ResponseEntity<ProductView> create(@RequestBody ProductService.NewProduct request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ProductView.of(service.create(request)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<ProductView> byId(@PathVariable long id) {
        return ResponseEntity.of(service.byId(id).map(ProductView::of));
    }

    @PatchMapping("/{id}")
    public ResponseEntity<ProductView> update(@PathVariable long id,
            @RequestBody ProductService.ProductChanges changes) {
        return ResponseEntity.of(service.update(id, changes).map(ProductView::of));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable long id) {
        return service.delete(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    /** Records a view of the product page; written to MySQL behind the request (202 Accepted). */
    @PostMapping("/{id}/visits")
    public ResponseEntity<Void> visit(@PathVariable long id) {
        return visits.record(id) ? ResponseEntity.accepted().build() : ResponseEntity.notFound().build();
    }

    /** The views written to MySQL so far (recent ones may still be on their way). */
    @GetMapping("/{id}/visits")
    public VisitCount visits(@PathVariable long id) {
        return new VisitCount(id, visits.count(id));
    }

    /** The product filter served by Redis search: category, status, price range, sorted and paged. */
    @GetMapping("/filter")
    public ProductPage filter(@RequestParam(required = false) Long categoryId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) BigDecimal minPrice,
            @RequestParam(required = false) BigDecimal maxPrice,
            @RequestParam(defaultValue = "price") String sort,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        SearchResult<ProductEntity> result = service.filter(
                new ProductService.ProductFilter(categoryId, status, minPrice, maxPrice), sort, Math.max(page, 1),
                Math.min(Math.max(size, 1), MAX_PAGE_SIZE));
        return new ProductPage(result.total(), result.rows().stream().map(ProductView::of).toList());
    }

    @GetMapping
    public ProductPage search(@RequestParam(required = false) Long categoryId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) BigDecimal minPrice,
            @RequestParam(required = false) BigDecimal maxPrice,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        int pageNumber = Math.max(page, 1);
        int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
        SearchResult<ProductEntity> result = service.search(
                new ProductService.ProductFilter(categoryId, status, minPrice, maxPrice), pageNumber, pageSize);
        return new ProductPage(result.total(), result.rows().stream().map(ProductView::of).toList());
    }
}
