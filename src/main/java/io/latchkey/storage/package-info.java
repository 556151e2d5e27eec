/** The database (Hikari pool, JDBI, transactions), Flyway migrations, time-ordered ids and the housekeeping of expired rows; no feature rules. */
package io.latchkey.storage;
