package io.fluxa.it.model;

import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.DirtyStream;
import io.fluxa.annotation.DirtyStreamTrigger;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Change events: every insert, update and delete goes to {@code LoanEvents}; {@code LoanStatus} gets
 * inserts and deletes, and updates only when {@code status} changed. Soft delete and timestamps too.
 */
@FluxaEntity(table = "loans")
@RedisCache
@DirtyStream(name = "LoanEvents")
@DirtyStream(name = "LoanStatus", ops = "ID")
class Loan {
    long id;
    @Required @Length(50) String borrower;
    @Decimal(precision = 10, scale = 2) double amount;
    @Required @Enum(values = {"open", "paid", "late"}) @DirtyStreamTrigger("LoanStatus") String status;
    LocalDate due;
    boolean fakeDelete;
    Instant updatedAt;
}
