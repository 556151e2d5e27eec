package io.latchkey.resourcegrants;

/** One scope an application was granted, with what a token for it needs to know about its resource. */
public record GrantedScope(
        String resourceId,
        String resourceName,
        String resourceType,
        String audience,
        int accessTokenValiditySeconds,
        String scopeId,
        String scopeName) {}
