package io.fluxa.it.support;

import io.fluxa.it.model.entities.ListingEntity;
import io.fluxa.it.model.entities.enums.ListingStatus;
import io.fluxa.it.model.entities.enums.ListingTags;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

/** Random values for every searchable column of a listing, NULLs included, for the Redis search tests. */
public final class RandomListings {

    private RandomListings() {
    }

    /** Sets rank, stock, price, status, brand, active, listed-on, seen-at, category and tags from {@code random}. */
    public static void fillSearchable(ListingEntity e, Random random, String[] brands, List<Long> categories) {
        e.setRank(random.nextInt(100));
        e.setStock(random.nextInt(5) == 0 ? null : (long) random.nextInt(50));
        e.setPrice(BigDecimal.valueOf(random.nextInt(20_000), 2));
        e.setStatus(ListingStatus.values()[random.nextInt(3)]);
        e.setBrand(random.nextInt(10) == 0 ? null : brands[random.nextInt(brands.length)]);
        e.setActive(random.nextBoolean());
        e.setListedOn(random.nextInt(7) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366)));
        e.setSeenAt(random.nextInt(3) == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1000) * 3600L));
        if (random.nextInt(5) != 0) {
            e.setCategory(categories.get(random.nextInt(categories.size())));
        }
        EnumSet<ListingTags> tags = EnumSet.noneOf(ListingTags.class);
        for (ListingTags tag : ListingTags.values()) {
            if (random.nextBoolean()) {
                tags.add(tag);
            }
        }
        e.setTags(tags);
    }
}
