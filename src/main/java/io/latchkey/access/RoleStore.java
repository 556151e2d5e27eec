package io.latchkey.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The built-in administrator roles as stored in {@code roles}: name, description and assignable scope types. */
public final class RoleStore {

    /** One role; {@code applicableTo} lists the scope types it can be assigned over. */
    public record Role(String id, String name, String description, List<String> applicableTo) {
        public Optional<BuiltInRole> builtIn() {
            return BuiltInRole.byId(id);
        }
    }

    public List<Role> list(Handle h) {
        return h.createQuery("select id, name, description, scopes from roles order by name")
                .map((rs, ctx) -> new Role(rs.getString(1), rs.getString(2), rs.getString(3), split(rs.getString(4))))
                .list();
    }

    public Optional<Role> find(Handle h, String id) {
        return h.createQuery("select id, name, description, scopes from roles where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Role(rs.getString(1), rs.getString(2), rs.getString(3), split(rs.getString(4))))
                .findFirst();
    }

    private static List<String> split(String scopes) {
        return Arrays.stream(scopes.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
