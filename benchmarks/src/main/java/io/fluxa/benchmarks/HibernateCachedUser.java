package io.fluxa.benchmarks;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * {@code bench_local} for Hibernate, in the second-level cache (JCache on Caffeine, in-process), the
 * counterpart of Fluxa's locally cached LocalUser.
 */
@Entity
@Table(name = "bench_local")
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = HibernateStack.L2_REGION)
public class HibernateCachedUser extends HibernateUserColumns {

    protected HibernateCachedUser() {
    }
}
