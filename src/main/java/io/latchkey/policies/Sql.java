package io.latchkey.policies;

import io.latchkey.http.ApiException;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/** Small database facts the policy services share. */
final class Sql {
    private Sql() {}

    static void requireEnvironment(Handle h, String env) {
        boolean exists = h.createQuery("select count(*) from environments where id = :env")
                .bind("env", env).mapTo(Long.class).one() > 0;
        if (!exists) throw ApiException.notFound("Environment", env);
    }

    /** SQLSTATE of the first {@link SQLException} in the cause chain (23505 unique, 23503 foreign key). */
    static String state(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) return s.getSQLState();
        }
        return null;
    }

    static boolean isUniqueViolation(Throwable e) { return "23505".equals(state(e)); }

    static boolean isForeignKeyViolation(Throwable e) { return "23503".equals(state(e)); }
}
