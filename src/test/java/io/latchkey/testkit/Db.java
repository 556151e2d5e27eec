package io.latchkey.testkit;

/**
 * The two databases Latchkey runs on. Most tests run on H2 only ({@link TestServer#shared()}): what they check is
 * decided above the database. A test class runs on both when the database can change the outcome, and says so:
 * <pre>
 * &#64;ParameterizedClass
 * &#64;EnumSource(Db.class) // both databases: &lt;why&gt;
 * </pre>
 * That is storage itself (durability, migrations, restarts), isolation and cascades between environments, concurrent
 * writes (locks, unique constraints reached by a race), filters and paging (translated to SQL), values a column may
 * refuse (NUL, long values, case folding) and the malformed-input campaign, which compares every table. One test of
 * an otherwise H2-only class can run on both with {@code @ParameterizedTest @EnumSource(Db.class)}.
 */
public enum Db {
    H2,
    POSTGRES
}
