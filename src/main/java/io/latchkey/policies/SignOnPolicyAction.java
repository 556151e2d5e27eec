package io.latchkey.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One step of a sign-on policy. {@code doc} holds the validated type-specific settings and {@code condition};
 * {@code registrationPopulationId} repeats {@code registration.population.id} so the database keeps it valid.
 */
public record SignOnPolicyAction(
        String id,
        String environmentId,
        String policyId,
        int priority,
        String type,
        ObjectNode doc,
        String registrationPopulationId,
        long createdAt,
        long updatedAt) {

    public Action action() {
        return new Action(id, type, priority, doc.deepCopy());
    }
}
