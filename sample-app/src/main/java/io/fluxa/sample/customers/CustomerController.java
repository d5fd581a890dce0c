package io.fluxa.sample.customers;

import io.fluxa.sample.model.entities.CustomerEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/customers")
public class CustomerController {

    private final CustomerService service;

    public CustomerController(CustomerService service) {
        this.service = service;
    }

    public record CustomerView(long id, String email, String name) {
        static CustomerView of(CustomerEntity customer) {
            return new CustomerView(customer.getId(), customer.getEmail(), customer.getName());
        }
    }

    @PostMapping
    public ResponseEntity<CustomerView> create(@RequestBody CustomerService.NewCustomer request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(CustomerView.of(service.create(request)));
    }

    @GetMapping("/{id}")
    public ResponseEntity<CustomerView> byId(@PathVariable long id) {
        return ResponseEntity.of(service.byId(id).map(CustomerView::of));
    }
}
