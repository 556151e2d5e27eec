package io.latchkey.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** PLACEHOLDER until the resources/policies branch lands (same signature as agreed). */
public class SignOnPolicies {
    public record Action(String id, String type, int priority, ObjectNode doc) {}

    public List<Action> actionsFor(String env, String applicationId) { throw new UnsupportedOperationException(); }
}
