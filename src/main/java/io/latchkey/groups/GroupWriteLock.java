package io.latchkey.groups;

import io.latchkey.http.ApiException;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import org.jdbi.v3.core.Handle;

/**
 * Serialises the writes of an environment's groups and nestings, whose rules span rows (name clashes between
 * environment and population groups, cycles, the closure): they lock the environment's row. On PostgreSQL with
 * {@code for no key update}, which does not conflict with the key-share locks the foreign keys of other inserts
 * into the environment take, so groups never hold up users, tokens or sessions.
 */
final class GroupWriteLock {
    private GroupWriteLock() {}

    /** Locks environment {@code env} for this transaction; 404 if it does not exist. */
    static void lock(Handle h, Database db, String env) {
        boolean found = Ids.isUuid(env)
                && h.createQuery("select id from environments where id = :env for "
                                + (db.isPostgres() ? "no key update" : "update"))
                        .bind("env", env)
                        .mapTo(String.class)
                        .findFirst()
                        .isPresent();
        if (!found) throw ApiException.notFound("Environment", env);
    }
}
