package io.fluxa.annotation;

import io.fluxa.Reference;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The definitions of the spec and the user guide, written against the real annotations: if an
 * attribute is renamed or retyped, this stops compiling.
 */
@SuppressWarnings("unused")
final class SpecExampleDefinitions {

    private SpecExampleDefinitions() {
    }

    @FluxaEntity(table = "users")
    @RedisCache(ttlSeconds = 0)
    @LocalCache(size = 10_000)
    @DirtyStream(name = "UserStream", ops = "IUD")
    @DirtyStream(name = "Audit", pool = "streams", ops = "D")
    static class User {
        long id;
        @Required @Length(200) String name;
        @Required @Unique(name = "Email", cached = true) String email;
        @Unsigned byte age;
        Integer friends;
        @Decimal(precision = 10, scale = 2) @Unsigned double balance;
        @Enum(values = {"active", "banned"}, name = "UserStatus") @Required String status;
        @SetOf(values = {"sale", "new"}) String tags;
        LocalDate birthday;
        Instant lastLogin;
        byte[] avatar;
        @Blob(BlobSize.MEDIUM) byte[] photo;
        @Required Reference<Category> category;
        @Embedded Address home;
        @Searchable @Sortable int score;
        @Length(Length.MAX) String bio;
        @Array(3) String alias;
        @MediumInt int points;
        @Unique(name = "FullName") @Index(name = "ByLast", position = 2) @DirtyStreamTrigger("Audit") String first;
        @Unique(name = "FullName", position = 2) @Index(name = "ByLast") String last;
        @Enum(name = "UserStatus") String previousStatus;
        @Enum({"x", "y"}) String shortForm;
        boolean fakeDelete;
        Instant createdAt;
        LocalDateTime updatedAt;
        @Ignore String scratch;
    }

    @FluxaEntity
    @LocalCache
    static class Category {
        long id;
        @Required String name;
        Reference<Category> parent;
    }

    static class Address {
        String country;
        String city;
    }
}
