package io.latchkey.groups;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Rows of {@code group_nestings} and of their transitive closure {@code group_closure}. */
final class NestingStore {

    boolean exists(Handle h, String groupId, String parentId) {
        return h.createQuery("select count(*) from group_nestings where group_id = :g and parent_id = :p")
                        .bind("g", groupId)
                        .bind("p", parentId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    void insert(Handle h, String env, String groupId, String parentId) {
        h.createUpdate("""
                insert into group_nestings (group_id, parent_id, environment_id, created_at)
                values (:g, :p, :env, :now)""")
                .bind("g", groupId)
                .bind("p", parentId)
                .bind("env", env)
                .bind("now", System.currentTimeMillis())
                .execute();
    }

    boolean delete(Handle h, String groupId, String parentId) {
        return h.createUpdate("delete from group_nestings where group_id = :g and parent_id = :p")
                        .bind("g", groupId)
                        .bind("p", parentId)
                        .execute()
                > 0;
    }

    /** The groups {@code groupId} is directly nested in, in id order. */
    List<String> parents(Handle h, String groupId) {
        return h.createQuery("select parent_id from group_nestings where group_id = :g order by parent_id")
                .bind("g", groupId)
                .mapTo(String.class)
                .list();
    }

    /** Whether {@code ancestorId} is {@code groupId} or a group it is in, at any depth. */
    boolean isWithin(Handle h, String groupId, String ancestorId) {
        return h.createQuery("select count(*) from group_closure where descendant_id = :g and ancestor_id = :a")
                        .bind("g", groupId)
                        .bind("a", ancestorId)
                        .mapTo(Long.class)
                        .one()
                > 0;
    }

    /** The closure row of a new group: it is within itself. */
    void addSelf(Handle h, String env, String groupId) {
        h.createUpdate("insert into group_closure (descendant_id, ancestor_id, environment_id) values (:g, :g, :env)")
                .bind("g", groupId)
                .bind("env", env)
                .execute();
    }

    /**
     * Rewrites the environment's closure from its nestings (under {@link GroupWriteLock}). Nestings change rarely
     * and an environment has at most thousands of groups, so a full rewrite is simpler and cheap enough; reads then
     * never recurse.
     */
    void rebuild(Handle h, String env) {
        List<String> groups = h.createQuery("select id from identity_groups where environment_id = :env")
                .bind("env", env)
                .mapTo(String.class)
                .list();
        Map<String, List<String>> parents = new HashMap<>();
        h.createQuery("select group_id, parent_id from group_nestings where environment_id = :env")
                .bind("env", env)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> parents.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        h.createUpdate("delete from group_closure where environment_id = :env")
                .bind("env", env)
                .execute();
        PreparedBatch batch = h.prepareBatch(
                "insert into group_closure (descendant_id, ancestor_id, environment_id) values (:d, :a, :env)");
        for (String g : groups) {
            for (String a : ancestors(g, parents))
                batch.bind("d", g).bind("a", a).bind("env", env).add();
        }
        if (!groups.isEmpty()) batch.execute();
    }

    /** {@code g} and every group above it (the nestings have no cycle: adding one is refused). */
    private static Set<String> ancestors(String g, Map<String, List<String>> parents) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(g));
        while (!todo.isEmpty()) {
            String x = todo.pop();
            if (seen.add(x)) todo.addAll(parents.getOrDefault(x, List.of()));
        }
        return seen;
    }
}
