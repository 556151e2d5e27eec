package io.latchkey.groups;

import io.latchkey.http.FilterSql;
import io.latchkey.http.Page;
import io.latchkey.http.PageRequest;
import io.latchkey.storage.KeysetPage;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Rows of {@code group_members}, and the groups of a user at any depth: the user's direct groups joined with the
 * closure (index lookups on {@code group_members (user_id, group_id)} and the closure's primary key).
 */
final class MembershipStore {
    /** group_id, and direct = 1 when the user is in that group itself (else through a nested group). */
    static final String GROUPS_OF_USER = """
            select c.ancestor_id as group_id, max(case when m.group_id = c.ancestor_id then 1 else 0 end) as direct
            from group_members m join group_closure c on c.descendant_id = m.group_id
            where m.user_id = :user group by c.ancestor_id""";

    /**
     * No condition on {@code g.environment_id}: callers check the user is in the environment, and memberships and the
     * closure only ever link rows of one environment. A condition there makes H2 start from the environment's groups
     * (one subquery per group) instead of from the user's few memberships.
     */
    private static final String MEMBERSHIPS = "select g.*, x.direct from (" + GROUPS_OF_USER
            + ") x join identity_groups g on g.id = x.group_id where 1 = 1";

    /** The population of user {@code userId}, its row locked (a move to another population waits); empty if none. */
    Optional<String> lockUser(Handle h, String env, String userId) {
        return h.createQuery("select population_id from users where environment_id = :env and id = :u for update")
                .bind("env", env)
                .bind("u", userId)
                .mapTo(String.class)
                .findFirst();
    }

    boolean userExists(Handle h, String env, String userId) {
        return h.createQuery("select count(*) from users where environment_id = :env and id = :u")
                        .bind("env", env)
                        .bind("u", userId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    void insert(Handle h, String env, String groupId, String userId) {
        h.createUpdate("""
                insert into group_members (group_id, user_id, environment_id, created_at)
                values (:g, :u, :env, :now)""")
                .bind("g", groupId)
                .bind("u", userId)
                .bind("env", env)
                .bind("now", System.currentTimeMillis())
                .execute();
    }

    boolean delete(Handle h, String groupId, String userId) {
        return h.createUpdate("delete from group_members where group_id = :g and user_id = :u")
                        .bind("g", groupId)
                        .bind("u", userId)
                        .execute()
                > 0;
    }

    Page<Membership> list(Handle h, String env, String userId, FilterSql.Where where, PageRequest page) {
        String select = MEMBERSHIPS + (where == null ? "" : " and " + where.sql());
        return KeysetPage.query(
                h,
                select,
                "g.id",
                "select count(*) from (" + select + ") y",
                q -> {
                    q.bind("user", userId);
                    if (where != null) q.bindMap(where.params());
                },
                page,
                (rs, c) -> new Membership(GroupStore.row(rs), rs.getInt("direct") == 1));
    }

    Optional<Membership> find(Handle h, String env, String userId, String groupId) {
        return h.createQuery(MEMBERSHIPS + " and g.id = :g")
                .bind("user", userId)
                .bind("g", groupId)
                .map((rs, c) -> new Membership(GroupStore.row(rs), rs.getInt("direct") == 1))
                .findFirst();
    }

    /** Every group of the user at any depth, ordered by name (then id). */
    List<Membership> all(Handle h, String env, String userId) {
        return h.createQuery(MEMBERSHIPS + " order by g.name_lower, g.id")
                .bind("user", userId)
                .map((rs, c) -> new Membership(GroupStore.row(rs), rs.getInt("direct") == 1))
                .list();
    }

    /** Removes the user's direct memberships of population groups of other populations than {@code populationId}. */
    void leaveOtherPopulations(Handle h, String env, String userId, String populationId) {
        h.createUpdate("""
                delete from group_members where user_id = :u and group_id in (select id from identity_groups
                where environment_id = :env and population_id is not null and population_id <> :p)""")
                .bind("u", userId)
                .bind("env", env)
                .bind("p", populationId)
                .execute();
    }
}
