package io.latchkey.resources;

import io.latchkey.http.ApiException;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/** Small database facts the resource services share. */
final class Sql {
    private Sql() {}

    /** 404 unless the environment exists (so that a write into an unknown environment is not a 500). */
    static void requireEnvironment(Handle h, String env) {
        boolean exists = h.createQuery("select count(*) from environments where id = :env")
                .bind("env", env).mapTo(Long.class).one() > 0;
        if (!exists) throw ApiException.notFound("Environment", env);
    }

    /** Whether {@code e} (or a cause) is a unique-constraint violation (SQLSTATE 23505 on PostgreSQL and H2). */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) return true;
        }
        return false;
    }
}
