package io.latchkey.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The role assignments of one kind of subject (applications, groups), as their HTTP adapter needs them. */
interface SubjectRoleAssignments {
    List<RoleAssignmentStore.Row> list(String env, String subjectId);

    RoleAssignmentStore.Row get(String env, String subjectId, String id);

    RoleAssignmentStore.Row create(String env, String subjectId, JsonNode body, Caller actor);

    void delete(String env, String subjectId, String id, Caller actor);
}
