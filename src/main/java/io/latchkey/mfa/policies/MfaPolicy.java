package io.latchkey.mfa.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A device authentication policy or a FIDO2 policy. {@code doc} is the normalised body without name, default and
 * (for device authentication policies) {@code fido2.fido2PolicyId}, which is {@code fido2PolicyId} here: a column,
 * so that it never names a FIDO2 policy that is gone. Always null for FIDO2 policies.
 */
public record MfaPolicy(
        Kind kind,
        String id,
        String environmentId,
        String name,
        boolean isDefault,
        String fido2PolicyId,
        ObjectNode doc,
        long createdAt,
        long updatedAt) {

    /** The two kinds, by table, path segment, list key and the noun errors use. */
    public enum Kind {
        DEVICE_AUTHENTICATION("device_authentication_policies", "deviceAuthenticationPolicies", "MFA policy"),
        FIDO2("fido2_policies", "fido2Policies", "FIDO2 policy");

        final String table;
        final String collection;
        final String noun;

        Kind(String table, String collection, String noun) {
            this.table = table;
            this.collection = collection;
            this.noun = noun;
        }

        public String collection() {
            return collection;
        }
    }

    MfaPolicy with(String name, boolean isDefault, String fido2PolicyId, ObjectNode doc, long updatedAt) {
        return new MfaPolicy(kind, id, environmentId, name, isDefault, fido2PolicyId, doc, createdAt, updatedAt);
    }
}
