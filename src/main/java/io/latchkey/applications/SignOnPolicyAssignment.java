package io.latchkey.applications;

/** A sign-on policy assigned to an application, evaluated in {@code priority} order (lowest first). */
public record SignOnPolicyAssignment(
        String id,
        String environmentId,
        String applicationId,
        String policyId,
        int priority,
        long createdAt,
        long updatedAt) {}
