package io.latchkey.groups;

import io.latchkey.http.FilterSql;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What the users feature reads and does with groups, in the caller's transaction: the groups of a user (direct and
 * through nesting) for {@code include=memberOfGroupIDs|memberOfGroupNames}, the {@code memberOfGroups[...]} user
 * filter, and leaving another population's groups when a user moves.
 */
public final class UserGroups {
    private UserGroups() {}

    /**
     * {@code memberOfGroups[id eq "<groupId>"]} over users aliased {@code u}: users in the group directly or through
     * groups nested in it at any depth. Index-backed: the closure by {@code (ancestor_id)}, the members by their
     * primary key {@code (group_id, user_id)}.
     */
    public static final FilterSql.ValuePath MEMBER_OF_GROUPS = new FilterSql.ValuePath(
            "u.id in (select m.user_id from group_closure c join group_members m on m.group_id = c.descendant_id"
                    + " where %s)",
            new FilterSql(Map.of("id", FilterSql.Column.exact("c.ancestor_id", Set.of("eq")))));

    /** A group a user is in, with how. */
    public record Ref(String id, String name, boolean direct) {}

    /** Every group of the user, directly or through nested groups, ordered by name. */
    public static List<Ref> of(Handle h, String env, String userId) {
        return new MembershipStore()
                .all(h, env, userId).stream()
                        .map(m -> new Ref(m.group().id(), m.group().name(), m.direct()))
                        .toList();
    }

    /** After a user moved to {@code populationId}: they leave the groups of their former population. */
    public static void userMoved(Handle h, String env, String userId, String populationId) {
        new MembershipStore().leaveOtherPopulations(h, env, userId, populationId);
    }
}
