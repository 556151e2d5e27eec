package io.latchkey.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sign-on policy action as the sign-on flow engine reads it: {@code type} (LOGIN, MULTI_FACTOR_AUTHENTICATION,
 * ...), {@code priority} (lower runs first) and {@code doc}, the action's settings as the API shows them minus
 * the common fields: e.g. for LOGIN {@code recovery.enabled}, {@code registration {enabled, population.id,
 * external.href, confirmIdentityProviderAttributes}}, {@code socialProviders}, {@code enforceLockoutForIdentityProviders},
 * and {@code condition} when the action has one. Defaults are filled in ({@code recovery.enabled} and
 * {@code registration.enabled} are false unless set).
 */
public record Action(String id, String type, int priority, ObjectNode doc) {}
