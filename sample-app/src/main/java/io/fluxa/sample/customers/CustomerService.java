package io.fluxa.sample.customers;

import io.fluxa.Context;
import io.fluxa.sample.model.entities.CustomerEntity;
import io.fluxa.sample.model.entities.CustomerProvider;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Customers. A second customer with an e-mail already taken fails when the request's Context is
 * flushed (unique index {@code Email}); the auto-flush filter answers 409 naming the index.
 */
@Service
public class CustomerService {

    private final CustomerProvider customers;
    private final Context context;

    public CustomerService(CustomerProvider customers, Context context) {
        this.customers = customers;
        this.context = context;
    }

    public record NewCustomer(String email, String name) {
    }

    public CustomerEntity create(NewCustomer request) {
        CustomerEntity customer = customers.newEntity(context);
        customer.setEmail(request.email());
        customer.setName(request.name());
        return customer;
    }

    public Optional<CustomerEntity> byId(long id) {
        return customers.getById(context, id);
    }
}
