package io.latchkey.users;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.groups.UserGroups;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /users/{id}?include=memberOfGroupIDs|memberOfGroupNames}: the read-only arrays of every group of the user,
 * nested ones included, in the same order (by name). Never in lists, as in PingOne.
 */
final class UserGroupIncludes {
    private UserGroupIncludes() {}

    static void add(ObjectNode user, Set<String> include, List<UserGroups.Ref> groups) {
        if (include.contains("memberOfGroupIDs")) {
            ArrayNode ids = user.putArray("memberOfGroupIDs");
            groups.forEach(g -> ids.add(g.id()));
        }
        if (include.contains("memberOfGroupNames")) {
            ArrayNode names = user.putArray("memberOfGroupNames");
            groups.forEach(g -> names.add(g.name()));
        }
    }
}
